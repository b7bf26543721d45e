// View models: plain values the templates read. Each is `Encodable` (synthesized): the renderer
// turns a page's model into a `TemplateValue` tree once, with no reflection, and checks every key
// a template reads against it. A nil optional is a present, empty key.

/// A page's view model: what a page template renders.
public protocol PageModel: Encodable, Sendable {
    /// What every page has: title, navigation, footer, dates.
    var meta: PageMeta { get }
}

/// A link with its text.
public struct Link: Encodable, Sendable {
    public var href: String
    public var text: String
}

/// An entry of the main navigation.
public struct NavItem: Encodable, Sendable {
    public var href: String
    public var text: String
    /// `aria-current="page"` is set when true.
    public var current: Bool
}

/// Fields every page's layout reads.
public struct PageMeta: Encodable, Sendable {
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

/// One cell of a table.
public struct CellVM: Encodable, Sendable {
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

/// One row of a table; `id` makes it citable as an anchor.
public struct RowVM: Encodable, Sendable {
    public var id: String
    public var cells: [CellVM]
}

/// A column heading.
public struct HeaderVM: Encodable, Sendable {
    public var text: String
    public var numeric: Bool
}

/// An amount for a headline or a summary box: rounded (`2,47 mdkr`) for reading, with the
/// exact kronor beside it for machines (`<data value>`) and in a `title`.
public struct AmountVM: Encodable, Sendable {
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

/// Where a table can be downloaded, in three formats, each with its size for the link text.
public struct DownloadsVM: Encodable, Sendable {
    /// The machine CSV (RFC 4180, UTF-8, decimal point).
    public var csv: String
    public var csvSize: String
    /// The spreadsheet CSV (semicolon, decimal comma, UTF-8 byte-order mark).
    public var spreadsheet: String
    public var spreadsheetSize: String
    public var json: String
    public var jsonSize: String
}

/// A data table with caption and headers, rendered by one partial so every table is accessible.
public struct TableVM: Encodable, Sendable {
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

/// The source line under a table: a sentence and a link to where the source is described.
public struct SourceLineVM: Encodable, Sendable {
    public var text: String
    public var href: String
    public var linkText: String
}

/// A bar in a chart.
public struct BarVM: Sendable, Encodable {
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

/// An inline SVG bar chart; its numbers are also in the table it names.
public struct ChartVM: Sendable, Encodable {
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

/// One region's square on the tile map (`TileMap`).
public struct TileVM: Sendable, Encodable {
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

/// One class of the tile map's legend: its shade and its bounds in words.
public struct LegendClassVM: Sendable, Encodable {
    public var shade: Int
    public var text: String
}

/// A tile-grid map of the regions with its legend; the region table is its table alternative.
public struct TileMapVM: Sendable, Encodable {
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

/// Rendered Markdown commentary.
public struct CommentaryVM: Sendable, Encodable {
    public var id: String
    public var title: String
    public var html: String
    public var source: String?
    public var date: String?
}

/// A heading-level section with a table.
public struct SectionVM: Sendable, Encodable {
    public var id: String
    public var title: String
    public var intro: String?
    public var table: TableVM
}

/// A line of text with an optional section reference.
public struct ItemVM: Encodable, Sendable {
    public var id: String
    public var text: String
    public var detail: String?
}
