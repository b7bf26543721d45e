/// Every diagnostic anslag can produce, each with one meaning (STYLE.md principle 14).
///
/// The raw value is the stable id that tests and corpus `expect:` lines match on, and that is
/// documented in `docs/diagnostics.md`; the test `DiagnosticCatalogueTests` fails when an id
/// has no documentation or no test that produces it. Add an id here, in the docs and in a test.
public enum DiagnosticID: String, CaseIterable, Sendable, Codable {

    // MARK: - Reading files

    /// A file or a YAML value contains a control character.
    case controlCharacter = "control-character"
    /// A content file, table or template is empty.
    case emptyFile = "empty-file"
    /// A file is not valid UTF-8.
    case encoding = "encoding"
    /// A file is larger than the input limit.
    case fileTooLarge = "file-too-large"
    /// A line is longer than the input limit.
    case lineTooLong = "line-too-long"
    /// A file or folder the content names cannot be read.
    case missingFile = "missing-file"
    /// A path reaches outside the project folder through a symbolic link.
    case outsideProject = "outside-project"
    /// A path in agreement.yaml is absolute or leaves the agreement folder.
    case unsafePath = "unsafe-path"
    /// The output folder could not be written (the `write` step of `anslag build`).
    case writeFailed = "write-failed"

    // MARK: - YAML files and their values

    /// A YAML key is not plain text (a list, mapping or `?` key).
    case complexKey = "complex-key"
    /// Two keys are given that exclude each other (e.g. `section` and `sections`, `file` and `unavailable`).
    case conflictingKeys = "conflicting-keys"
    /// An id (agreement, pot, input, area, samverkansregion, region name, status entry) is used twice.
    case duplicateId = "duplicate-id"
    /// A YAML key is given twice in one mapping.
    case duplicateKey = "duplicate-key"
    /// A commentary file does not start with YAML front matter.
    case frontMatter = "front-matter"
    /// An agreement's `id` differs from its folder name.
    case idMismatch = "id-mismatch"
    /// `base_url` in site.yaml is not an absolute https URL.
    case invalidBaseUrl = "invalid-base-url"
    /// A region's `county_code` is not a two-digit county code (länskod).
    case invalidCountyCode = "invalid-county-code"
    /// `contact` in site.yaml is neither an e-mail address nor an https URL.
    case invalidContact = "invalid-contact"
    /// A text that must say something (site.yaml's `publisher`) is empty.
    case emptyText = "empty-text"
    /// `base_url` is an address reserved for examples, in a build for publishing (warning).
    case placeholderBaseUrl = "placeholder-base-url"
    /// site.yaml names no publisher or no contact, in a build for publishing (warning).
    case missingPublisher = "missing-publisher"
    /// A date is not written YYYY-MM-DD or is no real date.
    case invalidDate = "invalid-date"
    /// An id is not made of lower-case a–z, digits and `-`.
    case invalidId = "invalid-id"
    /// A status entry's link is not an http(s) address.
    case invalidLink = "invalid-link"
    /// A required YAML key is absent.
    case missingKey = "missing-key"
    /// An amount or count is negative.
    case negative = "negative"
    /// A value scaffolded by `anslag new` is still a placeholder.
    case notFilledIn = "not-filled-in"
    /// An amount or count is above the documented limit.
    case tooLarge = "too-large"
    /// A YAML key that the format does not have (often a typo or a retired key).
    case unknownKey = "unknown-key"
    /// site.yaml names a language other than Swedish.
    case unsupportedLanguage = "unsupported-language"
    /// A YAML value has the wrong kind: text where a number, a list or a mapping is expected, or the reverse.
    case wrongType = "wrong-type"
    /// A YAML file cannot be parsed.
    case yamlSyntax = "yaml-syntax"
    /// YAML lists and mappings are nested deeper than the limit.
    case yamlTooDeep = "yaml-too-deep"
    /// A YAML document expands (through aliases) into more values than the limit.
    case yamlTooLarge = "yaml-too-large"

    // MARK: - CSV tables

    /// A row has a different number of cells than the header, or an input has the wrong number of columns for its kind.
    case columnCount = "column-count"
    /// A CSV file cannot be parsed (stray or unclosed quote).
    case csvSyntax = "csv-syntax"
    /// A table has the same column heading twice.
    case duplicateColumn = "duplicate-column"
    /// A region (or the totals row) has two rows in one table.
    case duplicateRow = "duplicate-row"
    /// A table lacks a column it must have.
    case missingColumn = "missing-column"
    /// A table has no row for a recipient, or lacks its totals row.
    case missingRow = "missing-row"
    /// A cell that must hold a whole number holds something else.
    case notANumber = "not-a-number"
    /// A cell that must hold a share holds something else.
    case notAShare = "not-a-share"
    /// A row comes after the totals row.
    case rowAfterTotal = "row-after-total"
    /// A published table has a column that agreement.yaml does not describe under `columns`.
    case uncheckedColumn = "unchecked-column"
    /// The first column of a table has the wrong heading.
    case wrongHeading = "wrong-heading"

    // MARK: - Agreements, regions and status

    /// A status date is after the file's `recorded_through`.
    case dateAfterRecord = "date-after-record"
    /// A condition link is not written `<agreement id>/<condition id>`.
    case invalidReference = "invalid-reference"
    /// A quoted figure's `rounding` is below 1.
    case invalidRounding = "invalid-rounding"
    /// A condition continues or replaces one in an agreement that is not earlier.
    case linkNotEarlier = "link-not-earlier"
    /// The content folder has no agreements.
    case noAgreements = "no-agreements"
    /// The pots do not form one tree: no root, more than one root, or a cycle.
    case potTree = "pot-tree"
    /// The root pot has amount `rest`.
    case rootPotRest = "root-pot-rest"
    /// A pot has more than one child with amount `rest`.
    case severalRests = "several-rests"
    /// A status is recorded for a recipient the item does not apply to (warning).
    case statusNotApplicable = "status-not-applicable"
    /// An agreement id that the content does not have (commentary, areas, condition link, figure reference).
    case unknownAgreement = "unknown-agreement"
    /// A quoted figure's `approximation` is not below, about or exact-to-rounding.
    case unknownApproximation = "unknown-approximation"
    /// A pot or an area inclusion names an area that areas.yaml does not list.
    case unknownArea = "unknown-area"
    /// An `applies_to`/`by` entry is none of the binding forms.
    case unknownBinding = "unknown-binding"
    /// A `continues`/`replaces` link names a condition the earlier agreement does not have.
    case unknownCondition = "unknown-condition"
    /// A fact has a topic that is not one of the topics.
    case unknownFactTopic = "unknown-fact-topic"
    /// A status entry names a condition or deadline the agreement does not have.
    case unknownItem = "unknown-item"
    /// A pot id that the agreement does not have.
    case unknownPot = "unknown-pot"
    /// A pot's `recipient` is none of the recipient forms.
    case unknownRecipient = "unknown-recipient"
    /// A `group:` binding names a group that `recipient_groups` does not declare.
    case unknownRecipientGroup = "unknown-recipient-group"
    /// A region id (or, in a figure reference, a region or pot) that regions.yaml does not list.
    case unknownRegion = "unknown-region"
    /// A region names a samverkansregion that regions.yaml does not list.
    case unknownSamverkansregion = "unknown-samverkansregion"
    /// A status entry's `status` is not one of the statuses.
    case unknownStatus = "unknown-status"
    /// A pot's `via` is not `skr` or its `funded_by` is not `regions`.
    case unsupportedFunding = "unsupported-funding"

    // MARK: - Keys and inputs

    /// The base amount times the recipients exceeds the pot.
    case baseTooLarge = "base-too-large"
    /// An `equal` key on a pot that does not go to the samverkansregioner.
    case equalKeyRecipient = "equal-key-recipient"
    /// A given table's amounts do not sum to its pot's amount.
    case givenSumMismatch = "given-sum-mismatch"
    /// A key uses an input of the wrong kind.
    case inputKindMismatch = "input-kind-mismatch"
    /// An input table has no row for a recipient that a key or table needs.
    case inputMissingRow = "input-missing-row"
    /// A blend contains a key that cannot be blended.
    case keyNotBlendable = "key-not-blendable"
    /// A pot that must be split among recipients has no (or the wrong kind of) key.
    case missingPotKey = "missing-pot-key"
    /// An `equal` key, but regions.yaml lists no samverkansregioner.
    case noSamverkansregioner = "no-samverkansregioner"
    /// A pot with a single recipient, or with children, has a key.
    case potTakesNoKey = "pot-takes-no-key"
    /// A published table prints an input declared unavailable.
    case unavailableInput = "unavailable-input"
    /// An `equal` key's `group` is not samverkansregioner.
    case unknownEqualGroup = "unknown-equal-group"
    /// A key or a table column names an input that is not declared.
    case unknownInput = "unknown-input"
    /// An input's `kind` is not one of the kinds.
    case unknownInputKind = "unknown-input-kind"
    /// A key `type` that anslag does not have.
    case unknownKeyType = "unknown-key-type"
    /// A blend's weights do not sum to 1.
    case weights = "weights"
    /// An input whose counts sum to zero is used to split or to print shares.
    case zeroTotal = "zero-total"

    // MARK: - Computation and reconciliation

    /// A published column does not name exactly one of input, share_of or pots.
    case columnSource = "column-source"
    /// A figure quoted in commentary differs from the computed one.
    case figureMismatch = "figure-mismatch"
    /// A figure reference in commentary is malformed.
    case figureReference = "figure-reference"
    /// A published table would be compared with the given table it is split by.
    case givenTable = "given-table"
    /// A published table prints an input value that differs from the input file.
    case inputMismatch = "input-mismatch"
    /// A figure is asked for that has no computed value (no split, no population).
    case notComputable = "not-computable"
    /// A computation exceeds exact integer arithmetic.
    case overflow = "overflow"
    /// A pot's parts do not add up to the pot, or leave nothing for its `rest`.
    case potSum = "pot-sum"
    /// A published amount differs from the computed one by more than the tolerance.
    case publishedMismatch = "published-mismatch"
    /// A published table's row has no cell in a described column.
    case publishedMissingCell = "published-missing-cell"
    /// A published table's row names no known region or county.
    case publishedUnknownRow = "published-unknown-row"
    /// A published share differs from the share the counts give.
    case shareMismatch = "share-mismatch"
    /// An agreement's stated total differs from the sum of its pots.
    case statedTotal = "stated-total"
    /// A published column names a pot that does not go to the table's kind of rows.
    case tableRecipientMismatch = "table-recipient-mismatch"
    /// A totals row differs from the sum it totals (rows of a table, or the pots).
    case totalMismatch = "total-mismatch"
    /// A published table's `rows` is not regions or counties.
    case unknownRowKind = "unknown-row-kind"

    // MARK: - Templates and site wording

    /// A template key inside a section would silently resolve to an outer value.
    case ambiguousTemplateKey = "ambiguous-template-key"
    /// A text in Templates/strings.yaml lacks one of its placeholders.
    case missingPlaceholder = "missing-placeholder"
    /// A template, partial or parent template does not exist.
    case missingTemplate = "missing-template"
    /// A Mustache template cannot be parsed (unclosed tag or section, changed delimiters).
    case templateSyntax = "template-syntax"
    /// A template uses a key its view model does not have.
    case unknownTemplateKey = "unknown-template-key"

    // MARK: - Authoring

    /// `anslag new` finds no earlier agreement of the series.
    case unknownSeries = "unknown-series"

    // MARK: - Internal

    /// A failure anslag did not expect; the message says where.
    case `internal` = "internal"

    // End of the catalogue: convert-diagnostic-ids.py --add-missing appends above this line.
    // Added when the drafts, the renderer and the stray-file check met the catalogue.
    case linksToDraft = "links-to-draft"
    case templateValue = "template-value"
    case unreadFile = "unread-file"
    case unknownAgreementStatus = "unknown-agreement-status"
    case commentaryFolderMismatch = "commentary-folder-mismatch"
}

extension DiagnosticID: CustomStringConvertible {
    /// The raw id, e.g. `unknown-region`, as tests and the corpus write it.
    public var description: String { rawValue }
}
