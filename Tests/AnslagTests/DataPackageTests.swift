import Foundation
import Testing
@testable import Anslag

/// `datapackage.json`: resource names come from paths, and two paths that give the same name
/// still get names of their own, in the order the resources come.
@Suite struct DataPackageTests {
    @Test func pathsThatGiveTheSameNameGetNamesOfTheirOwn() throws {
        let config = try #require(Pipeline.check(contentRoot: bundledContent).content?.config)
        var writer = DataPackage.Writer(config: config, pages: 1)
        for path in ["data/x/p.csv", "data-x/p.csv", "Data/X/P.csv", "data/x/p.csv"] {
            try writer.addPot(path: path, title: "Pott")
        }
        let file = try writer.finish(path: "datapackage.json")
        let package = try #require(try JSONSerialization.jsonObject(with: Data(file.contents)) as? [String: Any])
        let names = try #require(package["resources"] as? [[String: Any]]).compactMap { $0["name"] as? String }
        #expect(names == ["data-x-p.csv", "data-x-p.csv_", "data-x-p.csv__", "data-x-p.csv___", "data-anslag.json"])
    }
}
