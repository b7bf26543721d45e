import CByteScan

/// The sets of bytes an output format must change in UTF-8 text (HTML, CSV, JSON escaping): the
/// escapers find the next one and copy the span before it whole.
///
/// The search is in C (`CByteScan`), sixteen bytes per step with SSE2, each set compiled in as
/// constants: Swift's `SIMD16` compiles to a byte loop (BENCHMARKS.md, round 6), and escaping is
/// a tenth of a build's instructions (every text of every page, table cell and JSON string).
enum ByteSet: Sendable {
    /// `<`, `>`, `&`, `"`, `'`: what HTML escaping changes.
    case html
    /// `,`, `"`, LF, CR, `;`: what makes a CSV cell quoted (`;` for the spreadsheet files).
    case csvQuoted
    /// `"`, doubled inside a quoted CSV cell.
    case doubleQuote
    /// `"`, `\`, the controls below 0x20, and 0xE2 (the lead byte of U+2028 and U+2029): what a
    /// JSON string may need to change.
    case json

    /// The first index at or after `start` whose byte is in the set, or `bytes.count` if none is.
    @inline(__always)
    func firstIndex(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress, start < bytes.count else { return max(start, bytes.count) }
        switch self {
        case .html: return anslag_first_html(base, bytes.count, start)
        case .csvQuoted: return anslag_first_csv(base, bytes.count, start)
        case .doubleQuote: return anslag_first_quote(base, bytes.count, start)
        case .json: return anslag_first_json(base, bytes.count, start)
        }
    }
}
