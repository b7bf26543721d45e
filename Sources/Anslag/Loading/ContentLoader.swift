import Foundation

/// Loads everything under a content folder, collecting diagnostics from every file.
public enum ContentLoader {
    /// Loads `root`. Returns nil content when the regions file itself cannot be read.
    public static func load(root: URL) -> (content: Content?, diagnostics: Diagnostics) {
        var diagnostics = Diagnostics()
        let cache = ContentLoadCache.current
        let config = diagnostics.capture({ try ContentLoadCache.file(SiteConfigLoader.file, root: root, cache: cache) { try SiteConfigLoader.load(root: root) } })
        guard let regions = diagnostics.capture({ try ContentLoadCache.file(RegionsLoader.file, root: root, cache: cache) { try RegionsLoader.load(root: root) } }),
              let config else { return (nil, diagnostics) }
        var agreements: [Agreement] = []
        var failed: Set<String> = []
        if subfolders("agreements", root: root).isEmpty {
            // A build must never replace a good site with an empty one.
            var notes = ["expected one folder per agreement under agreements/ in \(root.path)", "is --content pointing at the right folder?"]
            do {
                _ = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("agreements").path)
            } catch {
                notes.insert("the folder agreements/ cannot be read: \((error as NSError).localizedFailureReason ?? error.localizedDescription)", at: 0)
            }
            diagnostics.append(.error(.noAgreements, at: .file("agreements"), "the content has no agreements", notes: notes))
        }
        var drafts: Set<String> = []
        let agreementFolders = subfolders("agreements", root: root)
        // Each folder and file is read on its own, on all cores; results and diagnostics are
        // taken in folder and file order, so they do not depend on timing.
        let regionsDigest = cache.flatMap { _ in ContentLoadCache.digest(of: "regions.yaml", root: root) }
        let loadedAgreements = inParallel(agreementFolders) { folder in
            // A folder whose files and regions file are those of the last load gives what it gave then.
            let key = regionsDigest.flatMap { regions in ContentLoadCache.digest(of: folder, root: root).map { ContentLoadCache.combine(regions, $0) } }
            if let key, let kept = cache?.agreement(folder, key: key) { return kept }
            var found = Diagnostics()
            let agreement = found.capture({ try AgreementLoader.load(folder: folder, root: root, regions: regions) })
            let loaded = (agreement, found, DraftMarker.declared(folder: folder, root: root))
            if let key { cache?.keep(folder, key: key, loaded) }
            return loaded
        }
        for (folder, (agreement, found, isDraft)) in zip(agreementFolders, loadedAgreements) {
            if isDraft { drafts.insert((folder as NSString).lastPathComponent) }
            diagnostics.append(contentsOf: found.all)
            if let agreement { agreements.append(agreement) } else { failed.insert((folder as NSString).lastPathComponent) }
        }
        agreements.sort { ($0.year, $0.id) < ($1.year, $1.id) }
        var commentary: [Commentary] = []
        let markdownFiles = agreementFolders.map { "\($0)/commentary" }
            + subfolders("regions", root: root) + ["site"]
        let commentaryFiles = markdownFiles.flatMap { files(in: $0, root: root, ending: ".md") }
        for (item, found) in inParallel(commentaryFiles, { file in
            let key = cache.flatMap { _ in ContentLoadCache.digest(of: file, root: root) }
            if let key, let kept = cache?.commentary(file, key: key) { return kept }
            var found = Diagnostics()
            let loaded = (found.capture({ try CommentaryLoader.load(file, root: root) }), found)
            if let key { cache?.keep(file, key: key, loaded) }
            return loaded
        }) {
            diagnostics.append(contentsOf: found.all)
            if let item { commentary.append(item) }
        }
        // What is no longer there is not kept.
        cache?.prune(folders: Set(agreementFolders), commentary: Set(commentaryFiles))
        for item in commentary {
            if let region = item.region, regions.region(id: region) == nil {
                diagnostics.append(.error(.unknownRegion, at: item.regionLocation ?? item.location, "commentary names unknown region '\(region)'",
                                          notes: Suggestion.closest(to: region, in: regions.regions.map(\.id)).map { ["did you mean '\($0)'?"] } ?? []))
            }
            if let agreement = item.agreement, !agreements.contains(where: { $0.id == agreement }), !failed.contains(agreement) {
                diagnostics.append(.error(.unknownAgreement, at: item.agreementLocation ?? item.location, "commentary names unknown agreement '\(agreement)'"))
            }
        }
        diagnostics.append(contentsOf: links(agreements, failed: failed))
        diagnostics.append(contentsOf: StrayFiles.warnings(root: root, agreements: agreements, failed: failed, commentary: commentaryFiles))
        var loaded = Content(config: config, regions: regions, agreements: agreements, commentary: commentary, failedAgreements: failed)
        loaded.drafts = drafts
        if let areas = diagnostics.capture({ try ContentLoadCache.file(AreasLoader.file, root: root, cache: cache) { try AreasLoader.load(root: root) } }) {
            diagnostics.append(contentsOf: AreasLoader.check(areas, agreements: agreements, failed: failed))
            loaded.areas = areas
        }
        return (loaded, diagnostics)
    }

    /// Checks every `continues:`/`replaces:` link: it names an earlier agreement and one of its conditions.
    static func links(_ agreements: [Agreement], failed: Set<String>) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for agreement in agreements {
            for condition in agreement.conditions {
                for link in condition.links where !failed.contains(link.agreement) {
                    guard let target = agreements.first(where: { $0.id == link.agreement }) else {
                        var notes = ["expected the id of an agreement under agreements/"]
                        if let best = Suggestion.closest(to: link.agreement, in: agreements.map(\.id)) { notes.insert("did you mean '\(best)'?", at: 0) }
                        problems.append(.error(.unknownAgreement, at: link.location, "condition '\(condition.id)' links to unknown agreement '\(link.agreement)'", notes: notes))
                        continue
                    }
                    guard (target.year, target.id) < (agreement.year, agreement.id) else {
                        problems.append(.error(.linkNotEarlier, at: link.location, "condition '\(condition.id)' links to '\(target.id)', which is not earlier than '\(agreement.id)'"))
                        continue
                    }
                    guard target.conditions.contains(where: { $0.id == link.condition }) else {
                        var notes = ["expected the id of a condition in \(target.id)"]
                        if let best = Suggestion.closest(to: link.condition, in: target.conditions.map(\.id)) { notes.insert("did you mean '\(best)'?", at: 0) }
                        problems.append(.error(.unknownCondition, at: link.location, "condition '\(condition.id)' links to unknown condition '\(link.condition)' in \(target.id)", notes: notes))
                        continue
                    }
                }
            }
        }
        return problems
    }

    /// Sorted folder paths `parent/name`, so the order never depends on the file system.
    static func subfolders(_ parent: String, root: URL) -> [String] {
        let url = root.appendingPathComponent(parent)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &isDirectory) && isDirectory.boolValue
        }.sorted().map { "\(parent)/\($0)" }
    }

    static func files(in folder: String, root: URL, ending: String) -> [String] {
        let url = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix(ending) && !$0.hasPrefix(".") }.sorted().map { "\(folder)/\($0)" }
    }
}

/// What a process that loads the same content folder again and again (serve's worker) keeps from
/// one load to the next: each agreement folder's, commentary file's and settings file's result, with a digest of
/// the bytes it was read from (every file under the folder, by path, and the regions file the
/// folder is checked against). What is unchanged byte for byte is not read and parsed again, so
/// a load gives exactly what a fresh one would, diagnostics included. Used while `current` is set
/// (on the thread that calls `ContentLoader.load`); a plain build sets none.
public final class ContentLoadCache: @unchecked Sendable {
    // Unchecked: every access to the tables holds `lock`.
    private let lock = NSLock()
    private var agreements: [String: (key: ContentDigest, loaded: (Agreement?, Diagnostics, Bool))] = [:]
    private var commentary: [String: (key: ContentDigest, loaded: (Commentary?, Diagnostics))] = [:]
    /// Single files (site.yaml, regions.yaml, areas.yaml): the loader's result, a value or an error.
    private var files: [String: (key: ContentDigest, result: Any)] = [:]

    /// The cache `ContentLoader.load` uses, if any.
    @TaskLocal public static var current: ContentLoadCache?

    public init() {}

    func agreement(_ folder: String, key: ContentDigest) -> (Agreement?, Diagnostics, Bool)? {
        lock.withLock { agreements[folder].flatMap { $0.key == key ? $0.loaded : nil } }
    }

    func keep(_ folder: String, key: ContentDigest, _ loaded: (Agreement?, Diagnostics, Bool)) {
        lock.withLock { agreements[folder] = (key, loaded) }
    }

    /// Forgets the agreement folders and commentary files not among those given.
    func prune(folders: Set<String>, commentary files: Set<String>) {
        lock.withLock {
            agreements = agreements.filter { folders.contains($0.key) }
            commentary = commentary.filter { files.contains($0.key) }
        }
    }

    /// What loading the single file `file` gave last time, when its bytes are the same: the
    /// value, or the same error thrown again. `load` must read nothing but that file.
    static func file<T>(_ file: String, root: URL, cache: ContentLoadCache?, _ load: () throws -> T) throws -> T {
        guard let cache, let key = digest(of: file, root: root) else { return try load() }
        if let kept = cache.lock.withLock({ cache.files[file] }), kept.key == key, let result = kept.result as? Result<T, any Error> {
            return try result.get()
        }
        let result = Result { try load() }
        cache.lock.withLock { cache.files[file] = (key, result) }
        return try result.get()
    }

    func commentary(_ file: String, key: ContentDigest) -> (Commentary?, Diagnostics)? {
        lock.withLock { commentary[file].flatMap { $0.key == key ? $0.loaded : nil } }
    }

    func keep(_ file: String, key: ContentDigest, _ loaded: (Commentary?, Diagnostics)) {
        lock.withLock { commentary[file] = (key, loaded) }
    }

    static func combine(_ a: ContentDigest, _ b: ContentDigest) -> ContentDigest {
        var hasher = DigestHasher()
        hasher.add(a)
        hasher.add(b)
        return hasher.finish()
    }

    /// The digest of what is at `path` under `root`: a file's bytes, or every entry under a folder
    /// by relative path (a file's bytes, a link's target and the bytes it leads to). Nil when
    /// something cannot be read: the loader then reads it itself and reports why.
    static func digest(of path: String, root: URL) -> ContentDigest? {
        let base = root.appendingPathComponent(path).path
        var hasher = DigestHasher()
        hasher.add(path)
        guard hasher.addEntry(base, as: "") else { return nil }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: base, isDirectory: &isDirectory), isDirectory.boolValue {
            guard hasher.addTree(base) else { return nil }
        }
        return hasher.finish()
    }
}
