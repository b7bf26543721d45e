import Foundation

/// Lets a preview worker that stays alive skip building pages that cannot have changed.
///
/// After each render it keeps, per page (by its place among the page recipes), what the page
/// gave (its files' digests, sitemap entry and tables) and which commentary it read (each query
/// made through `SiteContext.commentary` and the items it returned), with the `basis` of that
/// render: a digest of everything else a page is made from (see `PreviewBuilder.basis`).
///
/// The next render with the same basis differs from the last one at most in commentary, so a
/// page whose every commentary query returns the same items now is built from exactly the same
/// inputs and gives the same files: it is not built again, and its kept outcome is used, but
/// only when its digests are those of the files `serve` holds (`previous`). Any other change
/// (a different basis) builds every page, as a render without reuse does.
public final class PageReuse: @unchecked Sendable {
    // Unchecked: every access to the mutable state holds `lock`.
    private let lock = NSLock()

    struct Kept {
        var sitemap: (path: String, updated: String)?
        var made: [(String, ContentDigest)]
        var tables: [DataPackage.TableFile]
        var reads: [(query: CommentaryQuery, items: [Commentary])]
    }

    /// The basis of the render about to run, set by the caller before it; nil: nothing is reused or kept.
    var nextBasis: ContentDigest?
    private var basis: ContentDigest?
    private var kept: [Int: Kept] = [:]
    private var usable: [Int: Kept] = [:]
    private var fresh: [Int: Kept] = [:]
    private var context: SiteContext?
    /// Whether the render about to run computes digests (it was given `previous`): only then is anything kept.
    private var recording = false
    /// Pages not built by the last render because their kept outcome was used.
    private(set) var reusedPages = 0

    /// Decides which pages of the render about to run can be skipped.
    func begin(_ context: SiteContext, pages: Int, previous: [String: ContentDigest]?) {
        lock.withLock {
            self.context = context
            fresh = [:]
            usable = [:]
            reusedPages = 0
            recording = previous != nil
            guard let previous, let nextBasis, nextBasis == basis else { return }
            for (index, page) in kept where index < pages {
                guard page.made.allSatisfy({ previous[$0.0] == $0.1 }),
                      page.reads.allSatisfy({ context.commentaryItems($0.query) == $0.items }) else { continue }
                usable[index] = page
            }
        }
    }

    /// The outcome of page `index` when it need not be built: not rendered, its files as before.
    func reused(_ index: Int) -> SiteFiles.PageOutcome? {
        lock.withLock {
            guard let page = usable[index] else { return nil }
            reusedPages += 1
            return .written(page.sitemap, page.made, rendered: false, tables: page.tables)
        }
    }

    /// Keeps what page `index` gave and read, for the next render.
    func record(_ index: Int, _ outcome: SiteFiles.PageOutcome, reads: CommentaryReads?) {
        guard case .written(let sitemap, let made, _, let tables) = outcome, let reads else { return }
        lock.withLock {
            guard recording, nextBasis != nil, let context else { return }
            fresh[index] = Kept(sitemap: sitemap, made: made, tables: tables,
                                reads: reads.queries.map { ($0, context.commentaryItems($0)) })
        }
    }

    /// Ends the render: when it succeeded (every page built or reused, no problem), its pages are
    /// kept for the next one; otherwise nothing is, and the next render builds every page.
    func finish(succeeded: Bool, pages: Int) {
        lock.withLock {
            context = nil
            let all = fresh.merging(usable) { built, _ in built }
            if succeeded, recording, let nextBasis, all.count == pages {
                kept = all
                basis = nextBasis
            } else {
                kept = [:]
                basis = nil
            }
            fresh = [:]
            usable = [:]
        }
    }
}
