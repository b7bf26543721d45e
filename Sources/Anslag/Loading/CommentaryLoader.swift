import Foundation

/// Loads Markdown commentary with YAML front matter.
enum CommentaryLoader {
    static func load(_ file: String, root: URL) throws -> Commentary {
        let source = try SourceText.read(file, root: root)
        let lines = source.text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") else {
            throw Diagnostic.error(.frontMatter, at: .file(file), "commentary must start with YAML front matter between '---' lines",
                                   notes: ["expected a first line '---', then title: ..., then a line '---'"])
        }
        // Pad with blank lines so YAML positions are the file's own lines.
        let yaml = String(repeating: "\n", count: 1) + lines[1..<end].joined(separator: "\n")
        let value = try YAMLValue.parse(SourceText(path: file, text: yaml))
        let map = try value.mapping()
        let (impliedAgreement, impliedRegion) = implied(by: file)
        let commentary = Commentary(
            file: file,
            title: try map.required("title").string(),
            agreement: try attach(map.optional("agreement"), implied: impliedAgreement, folder: "agreements/\(impliedAgreement ?? "")/commentary/", what: "agreement") ?? impliedAgreement,
            region: try attach(map.optional("region"), implied: impliedRegion, folder: "regions/\(impliedRegion ?? "")/", what: "region") ?? impliedRegion,
            date: try map.optional("date")?.isoDate(),
            source: try map.optional("source")?.string(),
            figures: try map.optional("figures")?.list().map(figure) ?? [],
            regionLocation: map.optional("region")?.location,
            agreementLocation: map.optional("agreement")?.location,
            markdown: lines[(end + 1)...].joined(separator: "\n"),
            bodyLine: end + 2,
            location: .file(file))
        try map.finish()
        return commentary
    }

    /// What the file's folder attaches it to: `agreements/<id>/commentary/` to agreement `<id>`,
    /// `regions/<id>/` to region `<id>`. The front matter may repeat the key but not contradict it,
    /// so no commentary is ever attached to nothing.
    static func implied(by file: String) -> (agreement: String?, region: String?) {
        let parts = file.split(separator: "/").map(String.init)
        if parts.count == 4, parts[0] == "agreements", parts[2] == "commentary" { return (parts[1], nil) }
        if parts.count == 3, parts[0] == "regions" { return (nil, parts[1]) }
        return (nil, nil)
    }

    /// The `agreement:` or `region:` written in the front matter, checked against the one its folder implies.
    private static func attach(_ value: YAMLValue?, implied: String?, folder: String, what: String) throws -> String? {
        guard let value else { return nil }
        let id = try value.identifier()
        if let implied, id != implied {
            throw Diagnostic.error(.commentaryFolderMismatch, at: value.location, "\(what) '\(id)' contradicts the folder \(folder), which attaches this commentary to \(what) '\(implied)'",
                                   notes: ["move the file to the folder of \(what) '\(id)', or remove the '\(what):' line"])
        }
        return id
    }

    static func figure(_ value: YAMLValue) throws -> QuotedFigure {
        let map = try value.mapping()
        let approxValue = try map.required("approximation")
        guard let approximation = QuotedFigure.Approximation(rawValue: try approxValue.string()) else {
            throw Diagnostic.error(.unknownApproximation, at: approxValue.location, "approximation must be below, about or exact-to-rounding")
        }
        let target = try map.required("figure").mapping()
        let rounding = try map.required("rounding").wholeNumber()
        guard rounding > 0 else { throw Diagnostic.error(.invalidRounding, at: value.location, "rounding must be at least 1") }
        let figure = QuotedFigure(
            quoted: try map.required("quoted").string(), value: try map.required("value").wholeNumber(), rounding: rounding,
            approximation: approximation, region: try target.required("region").identifier(),
            agreement: try target.required("agreement").identifier(), pot: try target.optional("pot")?.identifier(),
            location: value.location)
        try target.finish()
        try map.finish()
        return figure
    }
}
