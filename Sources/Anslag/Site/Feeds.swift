/// `sitemap.xml` and the Atom feed of agreements. Dates come from the content, never the clock.
enum Feeds {
    static func xml(_ text: String) -> String { XMLText.escape(text) }

    /// Each page with the day its data last changed (see `PageMeta.updated`); a page that
    /// names no such day has no `<lastmod>` rather than a guessed one.
    static func sitemap(_ pages: [(path: String, updated: String)], config: SiteConfig) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages.sorted(by: { $0.path < $1.path }) {
            let lastmod = page.updated.isEmpty ? "" : "<lastmod>\(page.updated)</lastmod>"
            out += "  <url><loc>\(xml(config.baseURL + page.path))</loc>\(lastmod)</url>\n"
        }
        return out + "</urlset>\n"
    }

    static func atom(_ allocations: [AgreementAllocation], config: SiteConfig) -> String {
        var out = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">
          <title>\(xml(config.title)): överenskommelser</title>
          <id>\(xml(config.baseURL))/</id>
          <link rel="self" href="\(xml(config.baseURL))/feed.xml"/>
          <link href="\(xml(config.baseURL))/"/>
          <updated>\(config.buildDate)T00:00:00Z</updated>
          <author><name>\(xml(config.title))</name></author>

        """
        for allocation in allocations.reversed() {
            let a = allocation.agreement
            let signed = a.parties.compactMap(\.date).max() ?? "\(a.year)-01-01"
            let url = config.baseURL + SiteURL.agreement(a.id)
            out += """
              <entry>
                <title>\(xml(a.title))</title>
                <id>\(xml(url))</id>
                <link href="\(xml(url))"/>
                <updated>\(signed)T00:00:00Z</updated>
                <summary>\(xml(a.summary ?? a.title))</summary>
              </entry>

            """
        }
        return out + "</feed>\n"
    }
}
