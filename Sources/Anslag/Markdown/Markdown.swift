import CCmarkGFM

/// Markdown to HTML through libcmark-gfm, with the GitHub extensions and safe defaults.
///
/// Raw HTML is omitted and `javascript:` and other unsafe links are dropped, because
/// `CMARK_OPT_UNSAFE` is never set.
public enum Markdown {
    private static let extensions = ["table", "autolink", "strikethrough"]

    /// Renders `text` as an HTML fragment.
    public static func html(_ text: String) -> String {
        cmark_gfm_core_extensions_ensure_registered()
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SMART
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in extensions {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        text.withCString { cmark_parser_feed(parser, $0, strlen($0)) }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
