// View models: plain values the templates read. Each lists its stored properties by hand as a
// `TemplateValue` (`TemplateRepresentable`, right after the type): the renderer builds a page's
// tree once, with no reflection or generic encoder, and checks every key a template reads against
// it. A nil optional is a present, empty key. A new field must be added to the list as well:
// `ViewModelFieldTests` fails until it is.

/// A page's view model: what a page template renders.
public protocol PageModel: TemplateRepresentable, Sendable {
    /// What every page has: title, navigation, footer, dates.
    var meta: PageMeta { get }
}

/// A link with its text.
public struct Link: Sendable {
    public var href: String
    public var text: String
}

extension Link: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(Link.self, [
            .init("href", href.templateValue),
            .init("text", text.templateValue),
        ])
    }
}

/// An entry of the main navigation.
public struct NavItem: Sendable {
    public var href: String
    public var text: String
    /// `aria-current="page"` is set when true.
    public var current: Bool
}

extension NavItem: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(NavItem.self, [
            .init("href", href.templateValue),
            .init("text", text.templateValue),
            .init("current", current.templateValue),
        ])
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

extension PageMeta: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(PageMeta.self, [
            .init("path", path.templateValue),
            .init("title", title.templateValue),
            .init("description", description.templateValue),
            .init("siteTitle", siteTitle.templateValue),
            .init("tagline", tagline.templateValue),
            .init("root", root.templateValue),
            .init("canonical", canonical.templateValue),
            .init("nav", nav.templateValue),
            .init("breadcrumbs", breadcrumbs.templateValue),
            .init("hasBreadcrumbs", hasBreadcrumbs.templateValue),
            .init("buildDate", buildDate.templateValue),
            .init("taglineSegments", taglineSegments.templateValue),
            .init("footerNote", footerNote.templateValue),
            .init("draftNotice", draftNotice.templateValue),
            .init("hasDraftNotice", hasDraftNotice.templateValue),
            .init("updated", updated.templateValue),
            .init("updatedISO", updatedISO.templateValue),
            .init("hasUpdated", hasUpdated.templateValue),
            .init("publisher", publisher.templateValue),
            .init("hasPublisher", hasPublisher.templateValue),
            .init("contact", contact.templateValue),
            .init("contactHref", contactHref.templateValue),
            .init("hasContact", hasContact.templateValue),
        ])
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

extension CellVM: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(CellVM.self, [
            .init("text", text.templateValue),
            .init("isHeader", isHeader.templateValue),
            .init("numeric", numeric.templateValue),
            .init("href", href.templateValue),
            .init("hasLink", hasLink.templateValue),
            .init("level", level.templateValue),
        ])
    }
}

/// One row of a table; `id` makes it citable as an anchor.
public struct RowVM: Sendable {
    public var id: String
    public var cells: [CellVM]
}

extension RowVM: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(RowVM.self, [
            .init("id", id.templateValue),
            .init("cells", cells.templateValue),
        ])
    }
}

/// A column heading.
public struct HeaderVM: Sendable {
    public var text: String
    public var numeric: Bool
}

extension HeaderVM: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(HeaderVM.self, [
            .init("text", text.templateValue),
            .init("numeric", numeric.templateValue),
        ])
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

extension AmountVM: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(AmountVM.self, [
            .init("text", text.templateValue),
            .init("exact", exact.templateValue),
            .init("value", value.templateValue),
            .init("rounded", rounded.templateValue),
        ])
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

extension DownloadsVM: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(DownloadsVM.self, [
            .init("csv", csv.templateValue),
            .init("csvSize", csvSize.templateValue),
            .init("spreadsheet", spreadsheet.templateValue),
            .init("spreadsheetSize", spreadsheetSize.templateValue),
            .init("json", json.templateValue),
            .init("jsonSize", jsonSize.templateValue),
        ])
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

extension TableVM: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(TableVM.self, [
            .init("id", id.templateValue),
            .init("caption", caption.templateValue),
            .init("note", note.templateValue),
            .init("headers", headers.templateValue),
            .init("rows", rows.templateValue),
            .init("footer", footer.templateValue),
            .init("hasFooter", hasFooter.templateValue),
            .init("downloads", downloads.templateValue),
            .init("source", source.templateValue),
        ])
    }
}

/// The source line under a table: a sentence and a link to where the source is described.
public struct SourceLineVM: Sendable {
    public var text: String
    public var href: String
    public var linkText: String
}

extension SourceLineVM: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(SourceLineVM.self, [
            .init("text", text.templateValue),
            .init("href", href.templateValue),
            .init("linkText", linkText.templateValue),
        ])
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

extension BarVM: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(BarVM.self, [
            .init("label", label.templateValue),
            .init("valueText", valueText.templateValue),
            .init("labelY", labelY.templateValue),
            .init("barY", barY.templateValue),
            .init("width", width.templateValue),
            .init("valueX", valueX.templateValue),
            .init("valueY", valueY.templateValue),
        ])
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

extension ChartVM: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(ChartVM.self, [
            .init("id", id.templateValue),
            .init("title", title.templateValue),
            .init("summary", summary.templateValue),
            .init("tableID", tableID.templateValue),
            .init("height", height.templateValue),
            .init("width", width.templateValue),
            .init("scale", scale.templateValue),
            .init("bars", bars.templateValue),
        ])
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

extension TileVM: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(TileVM.self, [
            .init("id", id.templateValue),
            .init("name", name.templateValue),
            .init("short", short.templateValue),
            .init("valueText", valueText.templateValue),
            .init("shade", shade.templateValue),
            .init("x", x.templateValue),
            .init("y", y.templateValue),
            .init("width", width.templateValue),
            .init("height", height.templateValue),
            .init("textX", textX.templateValue),
            .init("nameY", nameY.templateValue),
            .init("valueY", valueY.templateValue),
        ])
    }
}

/// One class of the tile map's legend: its shade and its bounds in words.
public struct LegendClassVM: Sendable {
    public var shade: Int
    public var text: String
}

extension LegendClassVM: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(LegendClassVM.self, [
            .init("shade", shade.templateValue),
            .init("text", text.templateValue),
        ])
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

extension TileMapVM: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(TileMapVM.self, [
            .init("id", id.templateValue),
            .init("title", title.templateValue),
            .init("summary", summary.templateValue),
            .init("tableID", tableID.templateValue),
            .init("width", width.templateValue),
            .init("height", height.templateValue),
            .init("tiles", tiles.templateValue),
            .init("legend", legend.templateValue),
        ])
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

extension CommentaryVM: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(CommentaryVM.self, [
            .init("id", id.templateValue),
            .init("title", title.templateValue),
            .init("html", html.templateValue),
            .init("source", source.templateValue),
            .init("date", date.templateValue),
        ])
    }
}

/// A heading-level section with a table.
public struct SectionVM: Sendable {
    public var id: String
    public var title: String
    public var intro: String?
    public var table: TableVM
}

extension SectionVM: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(SectionVM.self, [
            .init("id", id.templateValue),
            .init("title", title.templateValue),
            .init("intro", intro.templateValue),
            .init("table", table.templateValue),
        ])
    }
}

/// A line of text with an optional section reference.
public struct ItemVM: Sendable {
    public var id: String
    public var text: String
    public var detail: String?
}

extension ItemVM: TemplateRepresentable {
    public var templateValue: TemplateValue {
        .object(ItemVM.self, [
            .init("id", id.templateValue),
            .init("text", text.templateValue),
            .init("detail", detail.templateValue),
        ])
    }
}
