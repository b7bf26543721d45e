import Foundation

/// Loads `site.yaml`: title, tagline, base URL and the build date.
enum SiteConfigLoader {
    static let file = "site.yaml"

    static func load(root: URL) throws -> SiteConfig {
        let value = try YAMLValue.parse(SourceText.read(file, root: root))
        let map = try value.mapping()
        let baseValue = try map.required("base_url")
        let base = try baseValue.string()
        guard base.hasPrefix("https://") || base.hasPrefix("http://"), !base.hasSuffix("/") else {
            throw Diagnostic.error("wrong-value", at: baseValue.location, "base_url must be an absolute http(s) URL without a trailing '/', found '\(base)'")
        }
        let buildDate = try map.required("build_date").isoDate()
        let config = SiteConfig(title: try map.required("title").string(), tagline: try map.required("tagline").string(),
                                baseURL: base, buildDate: buildDate, asOf: try map.optional("as_of")?.isoDate() ?? buildDate,
                                dueSoonDays: try map.optional("due_soon_days")?.wholeNumber() ?? 30)
        if let language = map.optional("language"), try language.string() != "sv" {
            throw Diagnostic.error("wrong-value", at: language.location, "the site is in Swedish: language must be 'sv'")
        }
        try map.finish()
        return config
    }
}
