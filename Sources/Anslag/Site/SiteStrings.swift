import Foundation

/// The site's fixed Swedish wording that page builders use, from `Templates/strings.yaml`:
/// one file an editor changes without touching Swift. Loaded once per build.
///
/// Every key the code uses is listed in `SiteStrings.keys` with its placeholders; loading
/// fails with the file's position when a key is missing, unknown or lacks a placeholder,
/// so a page never shows an empty or half-filled sentence.
public struct SiteStrings: Sendable {
    let values: [String: String]
    /// Each text cut once, at load, into literal runs and `{name}` placeholders; by `Key.position`.
    private let parts: [[Part]?]

    /// A run of a text: literal, or a placeholder with its name and its own text `{name}`.
    enum Part: Sendable {
        case literal(String)
        case placeholder(name: String, written: String)
    }

    init(values: [String: String]) {
        self.values = values
        var parts: [[Part]?] = []
        for (index, key) in Key.allCases.enumerated() {
            precondition(key.position == index, "SiteStrings.Key.position is not the case's index")
            parts.append(values[key.rawValue].map(Self.cut))
        }
        self.parts = parts
    }

    /// The text for `key` with each `{name}` replaced by `arguments[name]`.
    /// One pass from left to right, so a value that itself contains `{...}` is never filled in again.
    ///
    /// The arguments are a literal list, searched in order: a text has a handful of placeholders,
    /// so this is cheaper than hashing each name into a dictionary on every call.
    func text(_ key: Key, _ arguments: KeyValuePairs<String, String> = [:]) -> String {
        let runs = parts[key.position]!
        @inline(__always) func value(_ part: Part) -> String {
            switch part {
            case .literal(let text): text
            case .placeholder(let name, let written): arguments.first { $0.key == name }?.value ?? written
            }
        }
        // One run (a fixed text, or a text that is one placeholder) is shared, not copied.
        if runs.count == 1 { return value(runs[0]) }
        // Made at its size: appending run by run reallocated the result as it grew, several
        // times per text. (The look-ups are a few short comparisons; done twice, not stored.)
        var size = 0
        for part in runs { size += value(part).utf8.count }
        var out = ""
        out.reserveCapacity(size)
        for part in runs { out += value(part) }
        return out
    }

    /// A text's runs: each `{` with the next `}` after it is a placeholder, the rest literal
    /// (a `{` without a `}` after it is literal to the end), searched by `Character`.
    static func cut(_ template: String) -> [Part] {
        var parts: [Part] = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { parts.append(.literal(String(rest[..<open]))) }
            parts.append(.placeholder(name: String(rest[rest.index(after: open)..<close]), written: String(rest[open...close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.literal(String(rest))) }
        return parts
    }

    /// Loads `strings.yaml` from the templates folder.
    public static func load(folder: URL, displayPath: String) throws -> SiteStrings {
        let file = "strings.yaml"
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path) else {
            throw Diagnostic.error(.missingFile, at: .file("\(displayPath)/\(file)"), "cannot read '\(displayPath)/\(file)'",
                                   notes: ["the site's fixed wording lives in this file, beside the templates"])
        }
        let source = try SourceText.read(file, root: folder)
        let map = try YAMLValue.parse(SourceText(path: "\(displayPath)/\(file)", text: source.text)).mapping()
        var values: [String: String] = [:]
        var problems: [Diagnostic] = []
        for key in Key.allCases {
            do {
                let value = try map.required(key.rawValue)
                let text = try value.string()
                for name in key.placeholders where !text.contains("{\(name)}") {
                    problems.append(.error(.missingPlaceholder, at: value.location, "'\(key.rawValue)' must contain {\(name)}",
                                           notes: ["placeholders of this text: " + key.placeholders.map { "{\($0)}" }.joined(separator: ", ")]))
                }
                values[key.rawValue] = text
            } catch let diagnostic as Diagnostic {
                problems.append(diagnostic)
            }
        }
        do { try map.finish() } catch let diagnostic as Diagnostic { problems.append(diagnostic) }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        return SiteStrings(values: values)
    }
}

extension SiteStrings {
    /// Every text the page builders take from `strings.yaml`, by its key in the file.
    enum Key: String, CaseIterable, Sendable {
        /// The case's index in `allCases`, which is how Swift stores an enum without payloads
        /// (checked for every key when strings are loaded). Page builders ask for tens of texts
        /// per page; hashing the key to find its text was a fifth of the cost of each.
        var position: Int {
            MemoryLayout<Key>.size == 1 ? Int(unsafeBitCast(self, to: UInt8.self)) : Int(unsafeBitCast(self, to: UInt16.self))
        }

        case total = "total"
        case navHome = "nav.home"
        case homeTitle = "home.title"
        case navAgreements = "nav.agreements"
        case navRegions = "nav.regions"
        case navCompare = "nav.compare"
        case navAbout = "nav.about"
        case agreementsCaption = "home.agreements-caption"
        case columnAgreement = "column.agreement"
        case columnYear = "column.year"
        case columnTotalAmount = "column.total-amount"
        case columnSplitPerRegion = "column.split-per-region"
        case splitComputed = "split.computed"
        case splitNotComputable = "split.not-computable"
        case regionsCaption = "home.regions-caption"
        case columnCounty = "column.county"
        case columnToRegion = "column.to-region"
        case columnPerInhabitant = "column.per-inhabitant"
        case columnToCounty = "column.to-county"
        case agreementsTitle = "agreements.title"
        case agreementsDescription = "agreements.description"
        case regionsTitle = "regions.title"
        case regionsDescription = "regions.description"
        case regionsIntro = "regions.intro"
        case breakdownCaption = "agreement.breakdown-caption"
        case countyCaption = "agreement.county-caption"
        case chooseAmount = "agreement.choose-amount"
        case groupCaption = "agreement.group-caption"
        case columnGroup = "column.group"
        case columnRegions = "column.regions"
        case notComputable = "agreement.not-computable"
        case notDistributed = "agreement.not-distributed"
        case roundingCaption = "reconciliation.caption"
        case roundingNote = "reconciliation.note"
        case columnRow = "column.row"
        case columnColumn = "column.column"
        case columnPublished = "column.published"
        case columnComputed = "column.computed"
        case columnDifference = "column.difference"
        case reconciledAllExact = "reconciliation.all-exact"
        case reconciledSomeOff = "reconciliation.some-off"
        case summaryNothing = "reconciliation.summary-nothing"
        case summaryExact = "reconciliation.summary-exact"
        case summaryOff = "reconciliation.summary-off"
        case potsCaption = "agreement.pots-caption"
        case potsNote = "agreement.pots-note"
        case columnPart = "column.part"
        case columnAmount = "column.amount"
        case columnRecipient = "column.recipient"
        case columnSplit = "column.split"
        case columnSection = "column.section"
        case splitWhole = "split.whole"
        case splitNotDistributed = "split.not-distributed"
        case splitMissing = "split.missing"
        case splitSeeParts = "split.see-parts"
        case ownMoney = "recipient.own-money"
        case columnRank = "column.rank"
        case regionTableCaption = "agreement.region-caption"
        case rankNote = "agreement.rank-note"
        case regionNotComputable = "region.not-computable"
        case rankOf = "region.rank-of"
        case regionOverviewCaption = "region.overview-caption"
        case regionOverviewNote = "region.overview-note"
        case columnRankPerInhabitant = "column.rank-per-inhabitant"
        case regionDescription = "region.description"
        case partOf = "region.part-of"
        case regionYearCaption = "region-year.caption"
        case columnKey = "column.key"
        case regionPotNotComputable = "region-year.not-computable"
        case regionPotNotDistributed = "region-year.not-distributed"
        case regionYearNotComputable = "region-year.total-not-computable"
        case regionYearNoTable = "region-year.no-table"
        case regionYearDescription = "region-year.description"
        case recipientRegions = "recipient.regions"
        case recipientMunicipalities = "recipient.municipalities"
        case recipientSKR = "recipient.skr"
        case recipientGroups = "recipient.groups"
        case recipientBoth = "recipient.regions-and-municipalities"
        case recipientMixed = "recipient.mixed"
        case viaSKR = "recipient.via-skr"
        case keyPopulation = "key.input.population"
        case keyCareRecipients = "key.input.care-recipients"
        case keyAmounts = "key.input.amounts"
        case keyRural = "key.input.rural"
        case keyMissing = "key.missing"
        case keyProportional = "key.proportional"
        case keyBasePlus = "key.base-plus-proportional"
        case keyHalf = "key.half"
        case keyWeight = "key.weight"
        case keyEqual = "key.equal"
        case keyGiven = "key.given"
        case keyRuralWeighted = "key.rural-weighted"
        case keyNotDistributed = "key.not-distributed"
        case compareTitle = "compare.title"
        case compareDescription = "compare.description"
        case aboutTitle = "about.title"
        case aboutDescription = "about.description"
        case glossaryTitle = "glossary.title"
        case glossaryDescription = "glossary.description"
        case glossaryCrumb = "glossary.crumb"
        case searchTitle = "search.title"
        case searchDescription = "search.description"
        case notFoundTitle = "not-found.title"
        case notFoundDescription = "not-found.description"
        case abbrSKR = "abbr.skr"
        case abbrSKL = "abbr.skl"
        case abbrRSS = "abbr.rss"
        case abbrCSD = "abbr.csd"
        case abbrRCO = "abbr.rco"
        case columnArea = "column.area"
        case columnRegion = "column.region"
        case columnChange = "column.change"
        case columnChangePercent = "column.change-percent"
        case columnPerInhabitantYear = "column.per-inhabitant-year"
        case agreementsIntro = "agreements.intro"
        case agreementDraft = "agreement.draft"
        case draftBanner = "draft.banner"
        case agreementSigned = "agreement.signed"
        case agreementSignedNoYear = "agreement.signed-no-year"
        case countyMunicipalities = "county.municipalities"
        case receiverRegion = "receiver.region"
        case receiverRegionViaSKR = "receiver.region-via-skr"
        case receiverCounty = "receiver.county"
        case aboutRoundingNotes = "about.rounding-notes"
        case compareAreasCaption = "compare.areas-caption"
        case compareAreasNote = "compare.areas-note"
        case compareSKRRow = "compare.skr-row"
        case compareIncludedNotStated = "compare.included-not-stated"
        case compareIncludedAmount = "compare.included-amount"
        case compareMoved = "compare.moved"
        case compareSource = "compare.source"
        case compareNoPair = "compare.no-pair"
        case compareIntro = "compare.intro"
        case compareScope = "compare.scope"
        case compareTogether = "compare.together"
        case compareNothingLeft = "compare.nothing-left"
        case compareChangeCaption = "compare.change-caption"
        case derivationSummary = "derivation.summary"
        case derivationKey = "derivation.label.key"
        case derivationInputs = "derivation.label.inputs"
        case derivationSplit = "derivation.label.split"
        case derivationShare = "derivation.label.share"
        case derivationExact = "derivation.label.exact"
        case derivationRounding = "derivation.label.rounding"
        case derivationPublished = "derivation.label.published"
        case derivationParts = "derivation.label.parts"
        case derivationSumOfParts = "derivation.sum-of-parts"
        case derivationInputsCount = "derivation.inputs-count"
        case derivationSplitBase = "derivation.split-base"
        case derivationSplitWhole = "derivation.split-whole"
        case derivationExactFraction = "derivation.exact-fraction"
        case derivationRoundingGot = "derivation.rounding-got"
        case derivationRoundingNot = "derivation.rounding-not"
        case derivationRoundingExact = "derivation.rounding-exact"
        case derivationGiven = "derivation.given"
        case derivationPublishedSame = "derivation.published-same"
        case derivationPublishedDiff = "derivation.published-diff"
        case derivationPublishedNone = "derivation.published-none"
        case inputPopulation = "input.population"
        case inputCareRecipients = "input.care-recipients"
        case inputRural = "input.rural"
        case footerDate = "footer.date"
        case tableSource = "table.source"
        case tableSourceComputed = "table.source-computed"
        case tableSourceChecked = "table.source-checked"
        case tableSourceLink = "table.source-link"
        case tableSources = "table.sources"
        case tableSourcesLink = "table.sources-link"
        case footerReconciled = "footer.reconciled"
        case footerComputedNotReconciled = "footer.computed-not-reconciled"
        case footerNoSplit = "footer.no-split"
        case footerReconciledAll = "footer.reconciled-all"
        case footerSite = "footer.site"

        /// The `{name}` placeholders the text must contain.
        var placeholders: [String] {
            switch self {
            case .columnPerInhabitantYear: return ["year"]
            case .tableSource, .tableSourceComputed: return ["where"]
            case .tableSourceChecked: return ["tables"]
            case .tableSources: return ["documents"]
            case .agreementDraft: return ["printed"]
            case .draftBanner: return ["titles"]
            case .agreementSigned, .agreementSignedNoYear: return ["dates"]
            case .countyMunicipalities: return ["county"]
            case .aboutRoundingNotes: return ["cells", "notes"]
            case .compareIncludedNotStated: return ["pot", "section"]
            case .compareIncludedAmount: return ["pot", "amount", "section"]
            case .compareMoved: return ["area", "earlierYear", "earlier", "laterYear", "later"]
            case .compareSource: return ["source"]
            case .compareIntro: return ["earlier", "later"]
            case .compareScope: return ["areas", "earlier", "later", "left"]
            case .compareTogether: return ["areas", "year", "section"]
            case .compareChangeCaption: return ["earlier", "later"]
            case .derivationSummary: return ["pot", "amount"]
            case .derivationInputsCount: return ["what", "place", "mine", "total"]
            case .derivationSplitBase: return ["pot", "count", "base", "split"]
            case .derivationSplitWhole: return ["pot"]
            case .derivationExactFraction: return ["fraction"]
            case .derivationRoundingGot: return ["floor", "left", "count", "name", "amount"]
            case .derivationRoundingNot: return ["floor", "left", "count", "name", "amount"]
            case .derivationRoundingExact: return ["amount"]
            case .derivationGiven: return ["source", "amount"]
            case .derivationPublishedSame: return ["table", "column", "printed", "difference"]
            case .derivationPublishedDiff: return ["table", "column", "printed", "difference"]
            case .inputPopulation: return ["date"]
            case .inputCareRecipients: return ["date"]
            case .inputRural: return ["date"]
            case .footerDate: return ["date"]
            case .footerSite: return ["reconciled", "unsplit"]
            case .regionsCaption: return ["agreement"]
            case .breakdownCaption: return ["pot"]
            case .notComputable: return ["pot", "amount"]
            case .notDistributed: return ["pot", "amount", "recipient"]
            case .roundingCaption: return ["table"]
            case .reconciledAllExact: return ["cells"]
            case .reconciledSomeOff: return ["cells", "notes"]
            case .summaryExact: return ["cells"]
            case .summaryOff: return ["cells", "notes"]
            case .rankOf: return ["rank", "count"]
            case .regionOverviewCaption: return ["region"]
            case .regionDescription: return ["region"]
            case .partOf: return ["pot"]
            case .regionYearCaption: return ["region", "agreement"]
            case .regionPotNotComputable: return ["pot"]
            case .regionYearNoTable: return ["region", "agreement"]
            case .regionPotNotDistributed: return ["pot"]
            case .regionYearDescription: return ["region", "year"]
            case .viaSKR: return ["recipient"]
            case .keyMissing: return ["reason"]
            case .keyProportional: return ["input"]
            case .keyBasePlus: return ["base", "input"]
            case .keyWeight: return ["weight"]
            case .keyGiven: return ["input"]
            case .keyRuralWeighted: return ["input", "urbanNear", "sparse", "verySparse"]
            case .keyNotDistributed: return ["reason"]
            default: return []
            }
        }
    }
}
