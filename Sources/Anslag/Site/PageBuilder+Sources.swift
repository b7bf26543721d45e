/// The source line under every table: which document and sections its figures come from,
/// whether they are the document's own or computed with its keys, and which printed tables
/// they were checked against. The sources give no web address, so the link goes to the
/// agreement page's description of its source (or the about page's list of sources).
extension PageBuilder {
    /// Figures or texts one agreement states itself, in `sections`.
    func statedSource(_ a: Agreement, sections: [String?], from path: String) -> TableSource {
        agreementSource(a, context.strings.text(.tableSource, ["where": place(a.source.title, sections)]), from: path)
    }

    /// `Self.place`, made once per document and list of sections.
    func place(_ document: String, _ sections: [String?]) -> String {
        // Keyed by the document and the list itself: joining them into one string cost as much
        // as what is looked up (a checklist's conditions name dozens of sections).
        context.placeMemo.value(for: .init(document: document, sections: sections)) { Self.place(document, sections) }
    }

    /// `text` linked to the agreement page's "Källa och parter".
    private func agreementSource(_ a: Agreement, _ text: String, from path: String) -> TableSource {
        TableSource(text: text, href: SiteURL.relative(from: path, to: SiteURL.agreement(a.id)) + "#kalla",
                    linkText: context.strings.text(.tableSourceLink))
    }

    /// Amounts computed with the keys of `pots` of one agreement, and the printed tables of
    /// the agreement that hold any of those pots (the build stops when one disagrees).
    func computedSource(_ a: Agreement, pots: [Pot], from path: String) -> TableSource {
        let ids = Set(pots.map(\.id))
        let checked = a.published.filter { !$0.potIDs.isDisjoint(with: ids) }
        var text = context.strings.text(.tableSourceComputed, ["where": place(a.source.title, pots.map(\.section))])
        if !checked.isEmpty {
            text += " " + context.strings.text(.tableSourceChecked, ["tables": Self.list(checked.map { Self.shortTitle($0.title) })])
        }
        return agreementSource(a, text, from: path)
    }

    /// A table over several agreements: each agreement by its title, and a link to the list of
    /// sources on the about page, which names each document.
    func severalSources(_ agreements: [Agreement], from path: String) -> TableSource {
        if agreements.count == 1 { return statedSource(agreements[0], sections: [], from: path) }
        return TableSource(text: context.strings.text(.tableSources, ["documents": Self.list(agreements.map(\.title))]),
                    href: SiteURL.relative(from: path, to: SiteURL.about) + "#kallor",
                    linkText: context.strings.text(.tableSourcesLink))
    }

    /// "Document, avsnitt 4, 5 och 11.2 samt bilaga 3": numbered sections in order after one
    /// "avsnitt", named ones ("Bilaga 3", "Förbundsstyrelsens
    /// beslut") with a lower-case first letter as they stand mid-sentence.
    static func place(_ document: String, _ sections: [String?]) -> String {
        var seen: Set<String> = []
        var numbered: [String] = [], named: [String] = []
        for section in sections.compactMap({ $0 }) where seen.insert(section).inserted {
            if section.first?.isNumber == true { numbered.append(section) } else { named.append(section.lowercasedFirst) }
        }
        // Each section's order computed once, not at every comparison.
        numbered = numbered.map { ($0, sectionOrder($0)) }.sorted { $0.1.lexicographicallyPrecedes($1.1) }.map(\.0)
        var parts: [String] = []
        if !numbered.isEmpty { parts.append("avsnitt " + Self.list(numbered)) }
        if !named.isEmpty { parts.append(Self.list(named)) }
        return parts.isEmpty ? document : "\(document), \(parts.joined(separator: " samt "))"
    }

    /// "4.10" after "4.9": a section number compared part by part as numbers.
    static func sectionOrder(_ section: String) -> [Int] {
        section.split(separator: ".").map { Int($0.prefix { $0.isNumber }) ?? 0 }
    }

    /// "Bilaga 3. Medel till regionerna …" → "bilaga 3": a printed table named as the source names it.
    static func shortTitle(_ title: String) -> String {
        (title.components(separatedBy: ". ").first ?? title).lowercasedFirst
    }
}
