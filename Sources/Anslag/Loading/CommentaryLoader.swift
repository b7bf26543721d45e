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
        let commentary = Commentary(
            file: file,
            title: try map.required("title").string(),
            agreement: try map.optional("agreement")?.identifier(),
            region: try map.optional("region")?.identifier(),
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
