import Foundation

/// Finds `status: draft` in an agreement file by its text, so a draft is known as one even when
/// its YAML does not load: its errors then belong to the draft, not to the published site.
enum DraftMarker {
    /// The only value `status:` takes; an agreement without it is ready to publish.
    static let value = "draft"

    /// Whether `folder/agreement.yaml` has a top-level line `status: draft` (quoted or not, with a comment or not).
    static func declared(folder: String, root: URL) -> Bool {
        let url = root.appendingPathComponent(folder).appendingPathComponent("agreement.yaml")
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8),
              SourceText.contains("status:", in: text, atLineStart: true) else { return false }
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard line.hasPrefix("status:") else { continue }
            var rest = line.dropFirst("status:".count)
            if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
            let word = rest.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\"'"))
            return word == value
        }
        return false
    }
}
