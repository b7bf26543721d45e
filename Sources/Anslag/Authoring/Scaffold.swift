import Foundation
import Yams

/// `anslag new`: next year's agreement folder, made from the latest of its series.
///
/// The new folder is a draft (`status: draft`), so the published site builds while it is being
/// filled in. Identity, pots, keys, deadlines and conditions are carried over; every amount, date
/// and table value the author must take from the new agreement becomes `FYLL-I`, and so does the
/// start of every text that names a year (to be read and rewritten, not silently changed); `check`
/// reports each at its line and column until it is replaced. Each condition `continues:` the one it
/// was copied from. Published tables, stated totals, facts, status and slips belong to one year and
/// are not copied.
public enum Scaffold {
    /// Keys whose values change every year.
    static let yearlyKeys: Set<String> = ["amount", "date", "base", "file"]

    public struct Result: Sendable {
        public var folder: String
        public var files: [String]
    }

    /// Writes the new draft folder; fails without touching anything when it exists or the series has no earlier agreement.
    public static func create(series: String, year: Int, contentRoot root: URL) throws -> Result {
        let (content, diagnostics) = ContentLoader.load(root: root)
        guard let content else { throw DiagnosticList(diagnostics.errors) }
        let candidates = content.agreements.filter { $0.series == series && $0.year < year }
        guard let latest = candidates.last else {
            let known = Set(content.agreements.map(\.series)).sorted()
            throw Diagnostic.error(.unknownSeries, at: .file("agreements"), "no earlier agreement of series '\(series)' to start from",
                                   notes: ["known series: " + known.joined(separator: ", ")])
        }
        let id = "\(year)-\(series)"
        let folder = "agreements/\(id)"
        let target = root.appendingPathComponent(folder)
        guard !FileManager.default.fileExists(atPath: target.path) else {
            throw Diagnostic.error(.duplicateId, at: .file(folder), "'\(folder)' already exists")
        }
        let source = try SourceText.read("\(latest.folder)/agreement.yaml", root: root)
        guard var node = try Yams.compose(yaml: source.text) else { throw Diagnostic.error(.emptyFile, at: .file(source.path), "file is empty") }
        node = rewrite(node, oldYear: latest.year, newYear: year, oldID: latest.id, newID: id)
        var files: [String] = []
        var outputs: [(String, String)] = []
        let header = """
            # \(id): started by `anslag new` from \(latest.id). Replace every \(Placeholder.text) with the
            # value from the new agreement; `anslag check` lists each one with its line and column. A text
            # that starts "\(Placeholder.text) (granska, …)" names a year: read it against the new agreement
            # and rewrite it. While `status: draft` stays, `anslag build` leaves this agreement out of the
            # published site; remove that line to publish it (docs/guide.md, section 4).

            """

        outputs.append(("\(folder)/agreement.yaml", header + (try Yams.serialize(node: node, allowUnicode: true))))
        for input in latest.inputs {
            guard let file = input.file else { continue }
            let relative = String(file.dropFirst(latest.folder.count + 1))
            let text = try SourceText.read(file, root: root).text
            outputs.append(("\(folder)/\(relative)", blankTable(text)))
        }
        for (path, text) in outputs {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            files.append(path)
        }
        return Result(folder: folder, files: files)
    }

    /// The agreement with this year's identity, marked `status: draft`, yearly values blanked and
    /// one-year sections emptied. Texts that name a year are marked for review, never rewritten: a
    /// sentence about last year with the year changed is not a true sentence about this one.
    static func rewrite(_ node: Node, oldYear: Int, newYear: Int, oldID: String, newID: String, key: String? = nil) -> Node {
        switch node {
        case .mapping(var mapping):
            var pairs: [(Node, Node)] = []
            for (k, v) in mapping {
                let name = k.string ?? ""
                if key == nil, name == "id" {
                    pairs.append((k, Node(newID)))
                    pairs.append((Node("status"), Node(DraftMarker.value)))
                    continue
                }
                if key == "conditions", ["continues", "replaces", "change"].contains(name) {
                    // A carried-over condition continues last year's; last year's links and change note belong to last year.
                    continue
                }
                switch name {
                case "status" where key == nil, "status_note" where key == nil: continue
                case "year" where key == nil: pairs.append((k, Node(String(newYear), Tag(.int))))
                case "slips", "published", "stated_totals", "facts": pairs.append((k, Node([Node]())))
                case "source" where key == nil: pairs.append((k, blank(v)))
                case "parties": pairs.append((k, Node(v.array().map { party in blankKeys(party, ["place", "date", "signatory", "role", "date_printed"]) })))
                default:
                    if yearlyKeys.contains(name), v.string != "rest", name != "file" || key == "inputs" {
                        pairs.append((k, name == "file" ? v : Node(Placeholder.text)))
                    } else if case .scalar(let scalar) = v, name != "id", name != "file", let marked = review(scalar.string) {
                        pairs.append((k, Node(marked)))
                    } else {
                        pairs.append((k, rewrite(v, oldYear: oldYear, newYear: newYear, oldID: oldID, newID: newID, key: key ?? name)))
                    }
                }
            }
            if key == "conditions", let id = mapping["id"]?.string {
                pairs.append((Node("continues"), Node("\(oldID)/\(id)")))
            }
            mapping = Node.Mapping(pairs)
            return .mapping(mapping)
        case .sequence(let sequence):
            return .sequence(Node.Sequence(sequence.map { rewrite($0, oldYear: oldYear, newYear: newYear, oldID: oldID, newID: newID, key: key) }))
        default:
            return node
        }
    }

    /// A text that names a year (1990–2099), marked so `check` reports it until the author has
    /// read it against the new agreement; nil for a text without a year.
    static func review(_ text: String) -> String? {
        let words = text.split(whereSeparator: { !$0.isNumber })
        guard words.contains(where: { $0.count == 4 && (1990...2099).contains(Int($0) ?? 0) }) else { return nil }
        return "\(Placeholder.text) (granska, texten nämner ett årtal): \(text)"
    }

    static func blank(_ node: Node) -> Node {
        guard case .mapping(let mapping) = node else { return Node(Placeholder.text) }
        return .mapping(Node.Mapping(mapping.map { k, v in (k, k.string == "sections" ? Node([Node]()) : Node(Placeholder.text)) }))
    }

    static func blankKeys(_ node: Node, _ keys: Set<String>) -> Node {
        guard case .mapping(let mapping) = node else { return node }
        return .mapping(Node.Mapping(mapping.map { k, v in (k, keys.contains(k.string ?? "") ? Node(Placeholder.text) : v) }))
    }

    /// The same rows and columns, every value cell replaced by the placeholder.
    static func blankTable(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard !lines.isEmpty else { return text }
        for i in lines.indices.dropFirst() {
            let source = SourceText(path: "", text: lines[i])
            guard let record = try? CSVReader.read(source).first else { continue }
            let name = record.cells[0].text
            lines[i] = ([name.contains(",") ? "\"\(name)\"" : name] + Array(repeating: Placeholder.text, count: record.cells.count - 1)).joined(separator: ",")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
