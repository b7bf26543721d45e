// View models: plain values the templates read. Each lists its stored properties by hand
// (`TemplateObject`, right after the type): a page's `TemplateTree` is built from them once, with
// no reflection or generic encoder, and the renderer checks every key a template reads against
// it. A nil optional is a present, empty key. A new field must be added to the list as well:
// `ViewModelFieldTests` fails until it is.

/// A page's view model: what a page template renders.
public protocol PageModel: TemplateObject, Sendable {
    /// What every page has: title, navigation, footer, dates.
    var meta: PageMeta { get }
}

/// A link with its text.
public struct Link: Sendable {
    public var href: String
    public var text: String
}

extension Link: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("href", href)
        tree.field("text", text)
    }
}

/// An entry of the main navigation.
public struct NavItem: Sendable {
    public var href: String
    public var text: String
    /// `aria-current="page"` is set when true.
    public var current: Bool
}

extension NavItem: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("href", href)
        tree.field("text", text)
        tree.field("current", current)
    }
}

/// Fields every page's layout reads.
public struct PageMeta: Sendable {
    /// The page path, e.g. `/regioner/jamtland-harjedalen/`.
    public var path: String
    public var title: String
    public var description: String
    public var siteTitle: String
    public var tagline: String
    /// The relative prefix from this page to the site root, e.g. `../../`.
    public var root: String
    public var canonical: String
    public var nav: [NavItem]
    public var breadcrumbs: [Link]
    public var hasBreadcrumbs: Bool
    public var buildDate: String
    /// The tagline in runs, with its abbreviations marked and linked to the glossary (their first use on every page).
    public var taglineSegments: [TextSegmentVM]
    /// The footer's sentence on what the page's figures are (computed, reconciled, or the source's own) and their date.
    public var footerNote: String
    /// The "Utkast" banner of a site built with drafts (`build --drafts`, `serve`); empty without drafts.
    public var draftNotice: String
    public var hasDraftNotice: Bool
    /// The day the data on the page last changed (the latest `updated` of the agreements it
    /// shows), in Swedish and as YYYY-MM-DD; empty when one of them does not say.
    public var updated: String
    public var updatedISO: String
    public var hasUpdated: Bool
    /// Who publishes the site and where to reach them, from site.yaml; empty when not given.
    public var publisher: String
    public var hasPublisher: Bool
    public var contact: String
    public var contactHref: String
    public var hasContact: Bool
}

extension PageMeta: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("path", path)
        tree.field("title", title)
        tree.field("description", description)
        tree.field("siteTitle", siteTitle)
        tree.field("tagline", tagline)
        tree.field("root", root)
        tree.field("canonical", canonical)
        tree.field("nav", nav)
        tree.field("breadcrumbs", breadcrumbs)
        tree.field("hasBreadcrumbs", hasBreadcrumbs)
        tree.field("buildDate", buildDate)
        tree.field("taglineSegments", taglineSegments)
        tree.field("footerNote", footerNote)
        tree.field("draftNotice", draftNotice)
        tree.field("hasDraftNotice", hasDraftNotice)
        tree.field("updated", updated)
        tree.field("updatedISO", updatedISO)
        tree.field("hasUpdated", hasUpdated)
        tree.field("publisher", publisher)
        tree.field("hasPublisher", hasPublisher)
        tree.field("contact", contact)
        tree.field("contactHref", contactHref)
        tree.field("hasContact", hasContact)
    }
}

/// One cell of a table.
public struct CellVM: Sendable {
    public var text: String
    /// A row header (`<th scope="row">`).
    public var isHeader: Bool
    public var numeric: Bool
    /// A link target; empty when `hasLink` is false. (Not optional: a nil key would make
    /// the template look it up in an enclosing object.)
    public var href: String
    public var hasLink: Bool
    /// Indentation level for tree tables.
    public var level: Int
}

extension CellVM: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("text", text)
        tree.field("isHeader", isHeader)
        tree.field("numeric", numeric)
        tree.field("href", href)
        tree.field("hasLink", hasLink)
        tree.field("level", level)
    }
}

/// One row of a table; `id` makes it citable as an anchor.
public struct RowVM: Sendable {
    public var id: String
    public var cells: [CellVM]
}

extension RowVM: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("id", id)
        tree.field("cells", cells)
    }
}

/// A column heading.
public struct HeaderVM: Sendable {
    public var text: String
    public var numeric: Bool
}

extension HeaderVM: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("text", text)
        tree.field("numeric", numeric)
    }
}

/// An amount for a headline or a summary box: rounded (`2,47 mdkr`) for reading, with the
/// exact kronor beside it for machines (`<data value>`) and in a `title`.
public struct AmountVM: Sendable {
    /// `2,47 mdkr` (`SwedishFormat.compactKronor`).
    public var text: String
    /// `2 466 000 000 kr`.
    public var exact: String
    /// `2466000000`: whole kronor without separators.
    public var value: String
    /// Whether the text is rounded (false below one million kronor, where it is exact).
    public var rounded: Bool

    public init(_ amount: Int) {
        text = SwedishFormat.compactKronor(amount)
        exact = SwedishFormat.kronor(amount)
        value = String(amount)
        rounded = text != exact
    }
}

extension AmountVM: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("text", text)
        tree.field("exact", exact)
        tree.field("value", value)
        tree.field("rounded", rounded)
    }
}

/// Where a table can be downloaded, in three formats, each with its size for the link text.
public struct DownloadsVM: Sendable {
    /// The machine CSV (RFC 4180, UTF-8, decimal point).
    public var csv: String
    public var csvSize: String
    /// The spreadsheet CSV (semicolon, decimal comma, UTF-8 byte-order mark).
    public var spreadsheet: String
    public var spreadsheetSize: String
    public var json: String
    public var jsonSize: String
}

extension DownloadsVM: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("csv", csv)
        tree.field("csvSize", csvSize)
        tree.field("spreadsheet", spreadsheet)
        tree.field("spreadsheetSize", spreadsheetSize)
        tree.field("json", json)
        tree.field("jsonSize", jsonSize)
    }
}

/// A data table with caption and headers, rendered by one partial so every table is accessible.
public struct TableVM: Sendable {
    public var id: String
    public var caption: String
    public var note: String?
    public var headers: [HeaderVM]
    public var rows: [RowVM]
    public var footer: [RowVM]
    public var hasFooter: Bool
    public var downloads: DownloadsVM?
    public var source: SourceLineVM
}

extension TableVM: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("id", id)
        tree.field("caption", caption)
        tree.field("note", note)
        tree.field("headers", headers)
        tree.field("rows", rows)
        tree.field("footer", footer)
        tree.field("hasFooter", hasFooter)
        tree.field("downloads", downloads)
        tree.field("source", source)
    }
}

/// The source line under a table: a sentence and a link to where the source is described.
public struct SourceLineVM: Sendable {
    public var text: String
    public var href: String
    public var linkText: String
}

extension SourceLineVM: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("text", text)
        tree.field("href", href)
        tree.field("linkText", linkText)
    }
}

/// A bar in a chart.
public struct BarVM: Sendable {
    public var label: String
    public var valueText: String
    /// The label's baseline, above its bar, so a long name never squeezes the bar.
    public var labelY: Int
    /// The bar's top edge and length (from the axis at x = 0).
    public var barY: Int
    public var width: Int
    /// Where the value text starts (after the bar) and its baseline.
    public var valueX: Int
    public var valueY: Int
}

extension BarVM: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("label", label)
        tree.field("valueText", valueText)
        tree.field("labelY", labelY)
        tree.field("barY", barY)
        tree.field("width", width)
        tree.field("valueX", valueX)
        tree.field("valueY", valueY)
    }
}

/// An inline SVG bar chart; its numbers are also in the table it names.
public struct ChartVM: Sendable {
    public var id: String
    public var title: String
    public var summary: String
    public var tableID: String
    /// The viewBox; the SVG has no fixed size and scales with its container.
    public var height: Int
    public var width: Int
    /// The sentence that states the scale (bars start at 0, the longest is the largest value).
    public var scale: String
    public var bars: [BarVM]
}

extension ChartVM: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("id", id)
        tree.field("title", title)
        tree.field("summary", summary)
        tree.field("tableID", tableID)
        tree.field("height", height)
        tree.field("width", width)
        tree.field("scale", scale)
        tree.field("bars", bars)
    }
}

/// One region's square on the tile map (`TileMap`).
public struct TileVM: Sendable {
    public var id: String
    /// The region's full name, in the square's `<title>`.
    public var name: String
    /// The short name printed on the square.
    public var short: String
    /// Kronor per inhabitant as the region table shows it.
    public var valueText: String
    /// The shade class (0 lightest ... 5 darkest), `tile-s{shade}` in the style sheet.
    public var shade: Int
    /// The square's top-left corner and size, and where its two centred lines of text sit.
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int
    public var textX: Int
    public var nameY: Int
    public var valueY: Int
}

extension TileVM: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("id", id)
        tree.field("name", name)
        tree.field("short", short)
        tree.field("valueText", valueText)
        tree.field("shade", shade)
        tree.field("x", x)
        tree.field("y", y)
        tree.field("width", width)
        tree.field("height", height)
        tree.field("textX", textX)
        tree.field("nameY", nameY)
        tree.field("valueY", valueY)
    }
}

/// One class of the tile map's legend: its shade and its bounds in words.
public struct LegendClassVM: Sendable {
    public var shade: Int
    public var text: String
}

extension LegendClassVM: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("shade", shade)
        tree.field("text", text)
    }
}

/// A tile-grid map of the regions with its legend; the region table is its table alternative.
public struct TileMapVM: Sendable {
    public var id: String
    public var title: String
    public var summary: String
    public var tableID: String
    /// The viewBox's size (it starts at -1, -1); the SVG has no fixed size and scales with its container.
    public var width: Int
    public var height: Int
    public var tiles: [TileVM]
    public var legend: [LegendClassVM]
}

extension TileMapVM: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("id", id)
        tree.field("title", title)
        tree.field("summary", summary)
        tree.field("tableID", tableID)
        tree.field("width", width)
        tree.field("height", height)
        tree.field("tiles", tiles)
        tree.field("legend", legend)
    }
}

/// Rendered Markdown commentary.
public struct CommentaryVM: Sendable {
    public var id: String
    public var title: String
    public var html: String
    public var source: String?
    public var date: String?
}

extension CommentaryVM: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("id", id)
        tree.field("title", title)
        tree.field("html", html)
        tree.field("source", source)
        tree.field("date", date)
    }
}

/// A heading-level section with a table.
public struct SectionVM: Sendable {
    public var id: String
    public var title: String
    public var intro: String?
    public var table: TableVM
}

extension SectionVM: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("id", id)
        tree.field("title", title)
        tree.field("intro", intro)
        tree.field("table", table)
    }
}

/// A line of text with an optional section reference.
public struct ItemVM: Sendable {
    public var id: String
    public var text: String
    public var detail: String?
}

extension ItemVM: TemplateObject {
    public func templateFields(into tree: inout TemplateTree) {
        tree.field("id", id)
        tree.field("text", text)
        tree.field("detail", detail)
    }
}
