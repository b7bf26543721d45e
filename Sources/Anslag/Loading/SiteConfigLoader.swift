import Foundation

/// Loads `site.yaml`: title, tagline, base URL and the build date.
enum SiteConfigLoader {
    static let file = "site.yaml"

    /// Reads `site.yaml`, reporting every wrong key at once rather than the first.
    static func load(root: URL) throws -> SiteConfig {
        let value = try YAMLValue.parse(SourceText.read(file, root: root))
        let map = try value.mapping()
        var errors = ErrorCollector()
        let base = errors.attempt { () throws -> (text: String, location: SourceLocation) in
            let baseValue = try map.required("base_url")
            let base = try baseValue.string()
            try checkBaseURL(base, at: baseValue.location)
            return (base, baseValue.location)
        }
        let title = errors.attempt { try map.required("title").string() }
        let tagline = errors.attempt { try map.required("tagline").string() }
        let buildDate = errors.attempt { try map.required("build_date").isoDate() }
        let asOf = errors.attempt { try map.optional("as_of")?.isoDate() }
        let dueSoonDays = errors.attempt { try map.optional("due_soon_days")?.wholeNumber() }
        let publisher = errors.attempt { () throws -> String? in
            guard let value = map.optional("publisher") else { return nil }
            let text = try value.string()
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw Diagnostic.error(.emptyText, at: value.location, "publisher must name who publishes the site, found an empty text")
            }
            return text
        }
        let contact = errors.attempt { () throws -> String? in
            guard let value = map.optional("contact") else { return nil }
            let text = try value.string()
            try checkContact(text, at: value.location)
            return text
        }
        errors.attempt {
            if let language = map.optional("language"), try language.string() != "sv" {
                throw Diagnostic.error(.unsupportedLanguage, at: language.location, "the site is in Swedish: language must be 'sv'")
            }
        }
        errors.attempt { try map.finish() }
        try errors.finish()
        guard let base, let title, let tagline, let buildDate, let asOf, let dueSoonDays, let publisher, let contact else {
            throw Diagnostic.error(.internal, at: .file(file), "site.yaml: a value was neither read nor reported")
        }
        return SiteConfig(title: title, tagline: tagline, baseURL: base.text, buildDate: buildDate,
                          asOf: asOf ?? buildDate, dueSoonDays: dueSoonDays ?? 30,
                          publisher: publisher, contact: contact, baseURLLocation: base.location)
    }

    /// `contact` becomes a link on every page: an e-mail address (one '@', no spaces) or an https URL.
    static func checkContact(_ contact: String, at location: SourceLocation) throws {
        let valid: Bool
        if contact.hasPrefix("https://") {
            valid = onlyPlainURLCharacters(contact, others: "-._~/:%#?=&") && URL(string: contact)?.host?.isEmpty == false
        } else {
            let parts = contact.split(separator: "@", omittingEmptySubsequences: false)
            valid = parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
                && contact.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && !"<>\"'()[]\\,;:".unicodeScalars.contains($0) })
        }
        guard valid else {
            throw Diagnostic.error(.invalidContact, at: location, "contact must be an e-mail address or an https URL such as https://example.se/kontakt",
                                   notes: ["found '\(contact)'"])
        }
    }

    /// Whether `text` holds only ASCII letters, digits and the characters of `others`: what a
    /// link written unescaped into pages, calendars and robots.txt may hold.
    static func onlyPlainURLCharacters(_ text: String, others: String) -> Bool {
        text.unicodeScalars.allSatisfy { c in
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || others.unicodeScalars.contains(c)
        }
    }

    /// `base_url` goes into every calendar, the feed, the sitemap and robots.txt, so it must be a
    /// plain absolute https URL: a host, an optional port and path, nothing that needs escaping.
    static func checkBaseURL(_ base: String, at location: SourceLocation) throws {
        func refuse(_ why: String) -> Diagnostic {
            .error(.invalidBaseUrl, at: location, "base_url must be an absolute https URL such as https://example.se or https://example.se/anslag, \(why)",
                   notes: ["found '\(base.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? ControlCharacters.name($0) : String($0) }.joined())'"])
        }
        guard base.hasPrefix("https://") else { throw refuse("starting with https://") }
        guard onlyPlainURLCharacters(base, others: "-._~/:%") else {
            throw refuse("with only letters a–z, digits and - . _ ~ / : % (no spaces, control characters, '?' or '#')")
        }
        guard !base.hasSuffix("/") else { throw refuse("without a trailing '/'") }
        guard let url = URL(string: base), url.scheme == "https", let host = url.host, !host.isEmpty,
              url.query == nil, url.fragment == nil, url.user == nil else {
            throw refuse("with a host name after https://")
        }
    }
}
