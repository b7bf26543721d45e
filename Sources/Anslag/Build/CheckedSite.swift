import Foundation

/// Content that has been loaded, allocated, reconciled and checked: the input to rendering.
public struct CheckedSite: Sendable {
    public var content: Content?
    public var allocations: [AgreementAllocation]
    public var reconciliations: [String: [TableReconciliation]]
    public var diagnostics: Diagnostics
    /// The drafts left out of the site, each with its own diagnostics (which never block the site).
    public var draftDiagnostics: [String: Diagnostics] = [:]
    /// The drafts that are part of this run (under an "Utkast" banner once they load), their errors counted as the site's.
    public var shownDrafts: [String] = []

    /// The draft a diagnostic belongs to (by the folder it is in), or nil for the published site's.
    public func draft(owning diagnostic: Diagnostic) -> String? {
        Pipeline.draft(owning: diagnostic, drafts: content?.drafts ?? [])
    }

    /// All rounding notes across agreements, in agreement and table order.
    public var roundingNotes: [RoundingNote] {
        allocations.flatMap { reconciliations[$0.agreement.id] ?? [] }.flatMap(\.roundingNotes)
    }
}

/// Counts the files (and the HTML pages among them) that reach a sink from several threads.
final class FileCounter: @unchecked Sendable {
    // Unchecked: every access holds `lock`.
    private var pages = 0, files = 0
    private let lock = NSLock()
    func count(_ file: OutputFile) {
        lock.withLock {
            files += 1
            if file.path.hasSuffix(".html") { pages += 1 }
        }
    }
    var totals: FileTotals { lock.withLock { FileTotals(pages: pages, files: files) } }
}

/// A sink that keeps every file, filled from several threads.
public final class CollectedFiles: @unchecked Sendable {
    // Unchecked: every access holds `lock`.
    private var kept: [OutputFile] = []
    private let lock = NSLock()
    /// An empty collection.
    public init() {}
    /// Keeps `file` (the sink; safe from several threads).
    @Sendable public func append(_ file: OutputFile) { lock.withLock { kept.append(file) } }
    /// The files kept, in the order they came.
    public var files: [OutputFile] { lock.withLock { kept } }
}
