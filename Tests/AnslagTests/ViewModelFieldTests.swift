import Foundation
import Testing
@testable import Anslag

/// The view models list their fields by hand (`TemplateRepresentable`). This walks every page
/// model of the bundled site with reflection beside the tree it hands the templates, so a field
/// left out, misnamed, out of order or given the wrong value fails here before a template misses it.
@Suite struct ViewModelFieldTests {
    /// What differs between `value`'s stored properties and `tree`, at `path`.
    static func compare(_ value: Any, _ tree: TemplateValue, path: String, visited: inout Set<String>, into issues: inout [String]) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            if let wrapped = mirror.children.first {
                compare(wrapped.value, tree, path: path, visited: &visited, into: &issues)
            } else if case .null = tree {
            } else {
                issues.append("\(path): nil, but the tree has \(tree.kind)")
            }
        case .collection:
            guard case .list(let elements) = tree, elements.count == mirror.children.count else {
                issues.append("\(path): a list of \(mirror.children.count), but the tree has \(tree.kind)")
                return
            }
            for (index, (child, element)) in zip(mirror.children, elements).enumerated() {
                compare(child.value, element, path: "\(path)[\(index)]", visited: &visited, into: &issues)
            }
        case .struct:
            let name = String(describing: type(of: value))
            guard case .object(let object) = tree, object.type == type(of: value) else {
                issues.append("\(path): \(name), but the tree has \(tree.kind)")
                return
            }
            visited.insert(name)
            let labels = mirror.children.map { $0.label ?? "?" }
            guard labels == object.keys else {
                issues.append("\(path): \(name) has the fields \(labels), but its tree lists \(object.keys)")
                return
            }
            for (child, field) in zip(mirror.children, object.fields) {
                compare(child.value, field.value, path: "\(path).\(field.key)", visited: &visited, into: &issues)
            }
        default:
            switch (value, tree) {
            case (let text as String, .string(let found)) where text == found: break
            case (let number as Int, .int(let found)) where number == found: break
            case (let flag as Bool, .bool(let found)) where flag == found: break
            case (let number as Double, .string(let found)) where String(describing: number) == found: break
            default: issues.append("\(path): \(type(of: value)) \(value), but the tree has \(tree)")
            }
        }
    }

    @Test func everyPageModelOfTheBundledSiteListsEveryFieldWithItsValue() throws {
        let site = Pipeline.check(contentRoot: bundledContent)
        let content = try #require(site.content)
        let strings = try SiteStrings.load(folder: URL(fileURLWithPath: templatesPath), displayPath: "Templates")
        let context = SiteContext(site: site, content: content, config: content.config, strings: strings)
        let recipes = PageBuilder(context: context).pageRecipes()
        #expect(recipes.count > 100)
        var visited: Set<String> = []
        var issues: [String] = []
        for recipe in recipes {
            let page = recipe()
            Self.compare(page.model, page.model.templateValue, path: page.path, visited: &visited, into: &issues)
        }
        // The count only, with the first few in the comment: a field left out differs on every page.
        #expect(issues.count == 0, "\(issues.prefix(5).joined(separator: "\n"))")
        // Every view-model type the templates read was compared at least once (a type that no
        // bundled page builds would be unchecked here).
        let expected: Set<String> = [
            "Link", "NavItem", "PageMeta", "CellVM", "RowVM", "HeaderVM", "AmountVM", "DownloadsVM", "TableVM",
            "SourceLineVM", "BarVM", "ChartVM", "TileVM", "LegendClassVM", "TileMapVM", "CommentaryVM", "SectionVM",
            "ItemVM", "HomePage", "AgreementPage", "RegionPage", "LatestAmountVM", "RegionAgreementSection",
            "RegionYearPage", "ComparePage", "ListPage", "TextPage", "ConditionVM", "DateRuleVM",
            "AgreementChecklistPage", "RegionChecklistPage", "StatusMatrixPage", "TextSegmentVM",
            "DerivationStepVM", "DerivationVM", "FactVM", "FactGroupVM", "InputTableVM", "FactsVM",
        ]
        #expect(expected.subtracting(visited).isEmpty, "never compared: \(expected.subtracting(visited).sorted())")
    }

    @Test func aFieldLeftOutIsFound() {
        struct Two: TemplateRepresentable {
            var kept = "a"
            var forgotten: Int? = 3
            var templateValue: TemplateValue { .object(Two.self, [.init("kept", kept.templateValue)]) }
        }
        var visited: Set<String> = []
        var issues: [String] = []
        Self.compare(Two(), Two().templateValue, path: "/", visited: &visited, into: &issues)
        #expect(issues.count == 1)
        #expect(issues.first?.contains("forgotten") == true)
    }
}
