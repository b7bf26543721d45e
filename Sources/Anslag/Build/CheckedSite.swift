import Foundation

/// Content that has been loaded, allocated, reconciled and checked: the input to rendering.
public struct CheckedSite: Sendable {
    public var content: Content?
    public var allocations: [AgreementAllocation]
    public var reconciliations: [String: [TableReconciliation]]
    public var diagnostics: Diagnostics

    /// All rounding notes across agreements, in agreement and table order.
    public var roundingNotes: [RoundingNote] {
        allocations.flatMap { reconciliations[$0.agreement.id] ?? [] }.flatMap(\.roundingNotes)
    }
}

/// The steps from `Content/` to a checked, rendered site, each named so a failure says where it happened.
public enum Pipeline {
    /// Reads the content folder: regions, agreements, inputs, published tables, commentary, status.
    public static let load = BuildStep(.load, summary: { context in
        "\(context.site.content?.agreements.count ?? 0) agreements, \(context.site.diagnostics.errors.count) errors"
    }) { context in
        var (content, diagnostics) = ContentLoader.load(root: context.contentRoot)
        if let asOf = context.asOf { content?.config.asOf = asOf }
        context.site.content = content
        context.site.diagnostics.append(contentsOf: diagnostics.all)
    }

    /// Splits every agreement's pots among its recipients, exactly.
    public static let allocate = BuildStep(.allocate, summary: { context in
        "\(context.site.allocations.count) agreements, \(context.site.allocations.map(\.pots.count).reduce(0, +)) pots, \(context.site.diagnostics.errors.count) errors"
    }) { context in
        guard let content = context.site.content else { return }
        for agreement in content.agreements {
            context.site.diagnostics.append(contentsOf: StatusChecks.applicability(agreement))
            let (allocation, diagnostics) = Allocator.allocate(agreement, regions: content.regions)
            context.site.diagnostics.append(contentsOf: diagnostics)
            context.site.allocations.append(allocation)
            if diagnostics.contains(where: { $0.severity == .error }) { context.failedAllocations.insert(agreement.id) }
        }
    }

    /// Compares the allocations with the published tables and the figures quoted in commentary.
    public static let reconcile = BuildStep(.reconcile, summary: { context in
        "\(context.site.reconciliations.values.map(\.count).reduce(0, +)) tables, \(context.site.diagnostics.errors.count) errors"
    }) { context in
        guard let content = context.site.content else { return }
        // An agreement whose allocation failed is not reconciled, nor are its figures checked:
        // its amounts are wrong or missing.
        let failedAllocations = context.failedAllocations
        for allocation in context.site.allocations where !failedAllocations.contains(allocation.agreement.id) {
            let (tables, diagnostics) = Reconciler.reconcile(allocation, regions: content.regions)
            context.site.reconciliations[allocation.agreement.id] = tables
            context.site.diagnostics.append(contentsOf: diagnostics)
        }
        let failed = content.failedAgreements.union(failedAllocations)
        context.site.diagnostics.append(contentsOf: FigureChecker.check(content.commentary, allocations: context.site.allocations,
                                                                        regions: content.regions, failed: failed))
        for index in content.commentary.indices {
            let (expanded, problems) = FigureReferences.expand(content.commentary[index], allocations: context.site.allocations,
                                                               regions: content.regions, failed: failed)
            context.site.diagnostics.append(contentsOf: problems)
            context.site.content?.commentary[index].markdown = expanded
        }
    }

    /// Renders every page and file in memory from the templates; nothing is written.
    public static func render(templates: URL, displayPath: String) -> BuildStep {
        BuildStep(.render, summary: { context in
            "\(context.files.filter { $0.path.hasSuffix(".html") }.count) pages, \(context.files.count) files"
        }) { context in
            guard !context.site.diagnostics.hasErrors else { return }
            let library = try TemplateLibrary.load(folder: templates, displayPath: displayPath)
            let strings = try SiteStrings.load(folder: templates, displayPath: displayPath)
            let (files, diagnostics) = SiteFiles.make(context.site, templates: library, strings: strings)
            context.site.diagnostics.append(contentsOf: diagnostics)
            context.files = files
        }
    }

    /// The steps that check the content: load, allocate, reconcile.
    public static let checkSteps = [load, allocate, reconcile]

    /// Loads `contentRoot` and runs every check. Never throws: problems are diagnostics.
    public static func check(contentRoot: URL, asOf: String? = nil) -> CheckedSite {
        var context = BuildContext(contentRoot: contentRoot, asOf: asOf)
        BuildRunner.run(checkSteps, on: &context)
        return context.site
    }

    /// Renders the site in memory; template problems become diagnostics. Nothing is written.
    public static func render(_ site: inout CheckedSite, templates: URL, displayPath: String) -> [OutputFile] {
        var context = BuildContext(contentRoot: URL(fileURLWithPath: "/"))
        context.site = site
        BuildRunner.run([render(templates: templates, displayPath: displayPath)], on: &context)
        site = context.site
        return context.files
    }
}
