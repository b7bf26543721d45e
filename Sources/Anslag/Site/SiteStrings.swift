import Foundation

/// The site's fixed Swedish wording that page builders use, from `Templates/strings.yaml`:
/// one file an editor changes without touching Swift. Loaded once per build.
///
/// Every key the code uses is listed in `SiteStrings.keys` with its placeholders; loading
/// fails with the file's position when a key is missing, unknown or lacks a placeholder,
/// so a page never shows an empty or half-filled sentence.
public struct SiteStrings: Sendable {
    let values: [String: String]

    /// The text for `key` with each `{name}` replaced by `arguments[name]`.
    func text(_ key: Key, _ arguments: [String: String] = [:]) -> String {
        var text = values[key.rawValue]!
        for (name, value) in arguments { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// Loads `strings.yaml` from the templates folder.
    public static func load(folder: URL, displayPath: String) throws -> SiteStrings {
        let file = "strings.yaml"
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path) else {
            throw Diagnostic.error("missing-file", at: .file("\(displayPath)/\(file)"), "cannot read '\(displayPath)/\(file)'",
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
                    problems.append(.error("missing-placeholder", at: value.location, "'\(key.rawValue)' must contain {\(name)}",
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
        case total = "total"
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
        case footerReconciled = "footer.reconciled"
        case footerComputedNotReconciled = "footer.computed-not-reconciled"
        case footerNoSplit = "footer.no-split"
        case footerReconciledAll = "footer.reconciled-all"
        case footerSite = "footer.site"

        /// The `{name}` placeholders the text must contain.
        var placeholders: [String] {
            switch self {
            case .columnPerInhabitantYear: return ["year"]
            case .agreementDraft: return ["printed"]
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
            default: return []
            }
        }
    }
}
