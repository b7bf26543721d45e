import Foundation
import Testing
@testable import Anslag

/// The view models list their fields by hand (`TemplateObject`). This walks every page
/// model of the bundled site with reflection beside the tree it hands the templates, so a field
/// left out, misnamed, out of order or given the wrong value fails here before a template misses it.
@Suite struct ViewModelFieldTests {
    /// What differs between `value`'s stored properties and its part `node` of `tree`, at `path`.
    static func compare(_ value: Any, _ node: TemplateTree.Value, in tree: TemplateTree, path: String, visited: inout Set<String>, into issues: inout [String]) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            if let wrapped = mirror.children.first {
                compare(wrapped.value, node, in: tree, path: path, visited: &visited, into: &issues)
            } else if node.kind != .null {
                issues.append("\(path): nil, but the tree has \(tree.described(node))")
            }
        case .collection:
            let elements = tree.entries(of: node)
            guard node.kind == .list, elements.count == mirror.children.count else {
                issues.append("\(path): a list of \(mirror.children.count), but the tree has \(tree.described(node))")
                return
            }
            for (index, (child, element)) in zip(mirror.children, elements).enumerated() {
                compare(child.value, element, in: tree, path: "\(path)[\(index)]", visited: &visited, into: &issues)
            }
        case .struct:
            let name = String(describing: type(of: value))
            guard node.kind == .object, node.type == type(of: value) else {
                issues.append("\(path): \(name), but the tree has \(tree.described(node))")
                return
            }
            visited.insert(name)
            let labels = mirror.children.map { $0.label ?? "?" }
            let keys = tree.keys(of: node)
            guard labels == keys else {
                issues.append("\(path): \(name) has the fields \(labels), but its tree lists \(keys)")
                return
            }
            for (child, (key, field)) in zip(mirror.children, zip(keys, tree.entries(of: node))) {
                compare(child.value, field, in: tree, path: "\(path).\(key)", visited: &visited, into: &issues)
            }
        default:
            let found: String? = node.kind == .string ? tree.string(of: node) : nil
            switch value {
            case let text as String where found == text: break
            case let number as Int where node.kind == .int && node.payload == number: break
            case let flag as Bool where node.kind == .bool && (node.payload != 0) == flag: break
            case let number as Double where found == String(describing: number): break
            default: issues.append("\(path): \(type(of: value)) \(value), but the tree has \(tree.described(node)) \(found ?? String(node.payload))")
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
            let tree = TemplateTree(page.model)
            Self.compare(page.model, tree.root, in: tree, path: page.path, visited: &visited, into: &issues)
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
        struct Two: TemplateObject {
            var kept = "a"
            var forgotten: Int? = 3
            func templateFields(into tree: inout TemplateTree) { tree.field("kept", kept) }
        }
        var visited: Set<String> = []
        var issues: [String] = []
        let tree = TemplateTree(Two())
        Self.compare(Two(), tree.root, in: tree, path: "/", visited: &visited, into: &issues)
        #expect(issues.count == 1)
        #expect(issues.first?.contains("forgotten") == true)
    }
}
