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
        // ASCII paths (all of the site's, docs/urls.md): made on the bytes at their size, since
        // every page links to ten or more others. Anything else goes the way below.
        if let ascii = asciiRelative(from: from, to: to) { return ascii }
        let depth = segments(from) - (from.hasSuffix("/") ? 0 : 1)
        let up = String(repeating: "../", count: max(0, depth))
        let target = String(to.dropFirst())
        let result = up + target
        return result.isEmpty ? "./" : result
    }

    /// `relative(from:to:)` for two ASCII paths, or nil when either is not ASCII.
    static func asciiRelative(from: String, to: String) -> String? {
        UTF8Bytes.with(from) { source -> String? in
            UTF8Bytes.with(to) { target -> String? in
                guard !source.contains(where: { $0 >= 0x80 }), !target.contains(where: { $0 >= 0x80 }) else { return nil }
                let depth = max(0, segments(source) - (source.last == UInt8(ascii: "/") ? 0 : 1))
                let rest = UnsafeBufferPointer(rebasing: target[min(1, target.count)...])
                let size = 3 * depth + rest.count
                guard size > 0 else { return "./" }
                return String(unsafeUninitializedCapacity: size) { buffer in
                    var index = 0
                    for _ in 0..<depth {
                        buffer[index] = UInt8(ascii: "."); buffer[index + 1] = UInt8(ascii: "."); buffer[index + 2] = UInt8(ascii: "/")
                        index += 3
                    }
                    for byte in rest { buffer[index] = byte; index += 1 }
                    return size
                }
            }
        }
    }

    /// How many non-empty parts `/` separates `path` into (`from.split(separator: "/").count`),
    /// counted on the bytes of an ASCII path.
    static func segments(_ path: String) -> Int {
        // Counting segment starts on the bytes is right for any UTF-8 path: '/' is never part of
        // a longer sequence, so the non-ASCII case needs no `split` either.
        UTF8Bytes.with(path) { segments($0) }
    }

    /// `segments` of the path whose UTF-8 is `bytes`.
    private static func segments(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0, inSegment = false
        for byte in bytes {
            if byte == UInt8(ascii: "/") { inSegment = false } else if !inSegment { inSegment = true; count += 1 }
        }
        return count
    }
}
