/// The site's URL scheme: stable, ASCII, documented in docs/urls.md. Paths end in `/` for pages.
public enum SiteURL {
    public static let home = "/"
    public static let agreements = "/overenskommelser/"
    public static let regions = "/regioner/"
    public static let compare = "/jamfor/"
    public static let about = "/om/"
    public static let accessibility = "/tillganglighet/"
    /// Terms and abbreviations, each with an anchor (`#skr`, `#rss` ...).
    public static let glossary = "/begrepp/"
    public static let search = "/sok/"
    public static let data = "/data/"

    public static func agreement(_ id: String) -> String { "/overenskommelser/\(id)/" }
    public static func region(_ id: String) -> String { "/regioner/\(id)/" }
    public static func regionYear(_ id: String, _ year: Int) -> String { "/regioner/\(id)/\(year)/" }

    /// The file a page path is written to: `/regioner/x/` -> `regioner/x/index.html`.
    public static func file(for path: String) -> String {
        path.hasSuffix("/") ? String(path.dropFirst()) + "index.html" : String(path.dropFirst())
    }

    /// A link from page `from` to `to` as a relative URL, so the site works from any folder
    /// and from `file://` as well as from its server root.
    public static func relative(from: String, to: String) -> String {
        let depth = segments(from) - (from.hasSuffix("/") ? 0 : 1)
        let up = String(repeating: "../", count: max(0, depth))
        let target = String(to.dropFirst())
        let result = up + target
        return result.isEmpty ? "./" : result
    }

    /// How many non-empty parts `/` separates `path` into (`from.split(separator: "/").count`),
    /// counted on the bytes of an ASCII path.
    static func segments(_ path: String) -> Int {
        // Counting segment starts on the bytes is right for any UTF-8 path: '/' is never part of
        // a longer sequence, so the non-ASCII case needs no `split` either.
        UTF8Bytes.with(path) { bytes in
            var count = 0, inSegment = false
            for byte in bytes {
                if byte == UInt8(ascii: "/") { inSegment = false } else if !inSegment { inSegment = true; count += 1 }
            }
            return count
        }
    }
}
