import Foundation
import Testing
@testable import Anslag

/// Every place that sums or multiplies amounts, counts or weights, fed numbers at the documented
/// limit (each at most 10^15): a sum or product past 64 bits is one `overflow` error at the input's
/// position naming the operands, never a trap (issue 11, item 3).
@Suite struct OverflowTests {
    static let limit = 1_000_000_000_000_000
    /// The smallest number of terms of 10^15 whose sum passes `Int.max`.
    static let many = Int.max / limit + 1
    static let agreementFile = "agreements/2030-test/agreement.yaml"

    /// 1-based line and column of the first occurrence of `needle` in `text`, plus `offset` columns.
    func position(of needle: String, in text: String, offset: Int = 0) -> (line: Int, column: Int) {
        guard let range = text.range(of: needle) else { Issue.record("'\(needle)' not in the text"); return (0, 0) }
        let before = text[..<range.lowerBound]
        let line = before.filter { $0 == "\n" }.count + 1
        let column = (before.split(separator: "\n", omittingEmptySubsequences: false).last?.count ?? 0) + 1
        return (line, column + offset)
    }

    /// Expects exactly these (position, message part) overflow errors and no other error.
    func expectOverflows(_ folder: ContentFolder, _ expected: [(file: String, line: Int, column: Int, contains: String)],
                         sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let errors = folder.check().diagnostics.errors
        #expect(errors.count == expected.count, "\(errors)", sourceLocation: sourceLocation)
        for item in expected {
            let found = errors.first { $0.location == Anslag.SourceLocation(file: item.file, line: item.line, column: item.column) }
            #expect(found?.id == .overflow, "expected overflow at \(item.file):\(item.line):\(item.column), got \(errors)", sourceLocation: sourceLocation)
            #expect(found?.message.contains(item.contains) == true, "\(String(describing: found))", sourceLocation: sourceLocation)
            #expect(found?.message.contains("exceeds \(Int.max)") == true, sourceLocation: sourceLocation)
        }
    }

    func agreementText(_ folder: ContentFolder) -> String {
        (try? String(contentsOf: folder.root.appendingPathComponent(Self.agreementFile), encoding: .utf8)) ?? ""
    }

    @Test func manyPartsOfOnePot() {
        let parts = (0..<Self.many).map { "  - {id: d\($0), parent: p, title: D, amount: \(Self.limit), recipient: skr}" }
        let folder = SmallWorld.folder(pots: (["  - {id: p, title: P, amount: \(Self.limit), recipient: mixed}"] + parts).joined(separator: "\n"))
        let text = agreementText(folder)
        let at = position(of: "amount: \(Self.limit), recipient: mixed", in: text, offset: 8)
        expectOverflows(folder, [(Self.agreementFile, at.line, at.column, "the sum of the parts of pot 'p'")])
    }

    @Test func manyPartsBeforeARest() {
        let parts = (0..<Self.many).map { "  - {id: d\($0), parent: p, title: D, amount: \(Self.limit), recipient: skr}" }
        let rest = "  - {id: r, parent: p, title: R, amount: rest, recipient: skr}"
        let folder = SmallWorld.folder(pots: (["  - {id: p, title: P, amount: \(Self.limit), recipient: mixed}"] + parts + [rest]).joined(separator: "\n"))
        let text = agreementText(folder)
        let restAt = position(of: "amount: rest", in: text, offset: 8)
        let parentAt = position(of: "amount: \(Self.limit), recipient: mixed", in: text, offset: 8)
        // The rest cannot be worked out, and the parts (without the rest) still overflow at the parent.
        expectOverflows(folder, [(Self.agreementFile, restAt.line, restAt.column, "the other parts of 'p'"),
                                 (Self.agreementFile, parentAt.line, parentAt.column, "the sum of the parts of pot 'p'")])
    }

    @Test func manyChildrenPaidToOneRegion() {
        let children = (0..<Self.many).map {
            "  - {id: d\($0), parent: p, title: D, amount: \(Self.limit), recipient: regions, key: {type: given, input: utfall}}"
        }
        let folder = SmallWorld.folder(pots: (["  - {id: p, title: P, amount: \(Self.limit), recipient: regions}"] + children).joined(separator: "\n"),
                                       inputs: "  - {id: utfall, kind: amounts, file: inputs/utfall.csv}")
        folder.write("agreements/2030-test/inputs/utfall.csv", "Region,Kronor\nAlfa,\(Self.limit)\nBeta,0\nGamma,0\n")
        let text = agreementText(folder)
        let amountAt = position(of: "amount: \(Self.limit), recipient: regions}", in: text, offset: 8)
        let potAt = position(of: "{id: p,", in: text)
        expectOverflows(folder, [(Self.agreementFile, amountAt.line, amountAt.column, "the sum of the parts of pot 'p'"),
                                 (Self.agreementFile, potAt.line, potAt.column, "the sum over the parts of 'p' for region:alfa")])
    }

    /// `many` times the pot id `p`, as a flow list broken over lines within the line-length limit.
    static let manyP: String = stride(from: 0, to: many, by: 500).map { start in
        Array(repeating: "p", count: min(500, many - start)).joined(separator: ", ")
    }.joined(separator: ",\n      ")

    @Test func manyPartsOfAStatedTotal() {
        let pots = "  - {id: p, title: P, amount: \(Self.limit), recipient: skr}"
        let stated = "stated_totals:\n  - {what: Allt, amount: \(Self.limit), pots: [\(Self.manyP)]}"
        let folder = SmallWorld.folder(pots: pots, published: stated)
        let at = position(of: "{what: Allt", in: agreementText(folder))
        expectOverflows(folder, [(Self.agreementFile, at.line, at.column, "the sum of the pots of the stated total 'Allt'")])
    }

    @Test func manyPotsInAPublishedColumn() {
        // Population-keyed (a given table may not be reconciled: it would be compared with itself).
        let pots = "  - {id: p, title: P, amount: \(Self.limit), recipient: regions, key: {type: proportional, input: befolkning}}"
        let published = """
        published:
          - id: tabell
            title: Tabell
            file: published/tabell.csv
            rows: regions
            name_column: Region
            columns:
              - {column: Kronor, pots: [\(Self.manyP)]}
        """
        // Nearly all of each pot goes to Alfa, so Alfa's column sums past Int.max.
        let folder = SmallWorld.folder(pots: pots, published: published, population: "Region,Befolkning\nAlfa,1000000000\nBeta,1\nGamma,1\n")
        folder.write("agreements/2030-test/published/tabell.csv", "Region,Kronor\nRegion Alfa,1\nRegion Beta,0\nRegion Gamma,0\n")
        let at = position(of: "{column: Kronor", in: agreementText(folder))
        expectOverflows(folder, [(Self.agreementFile, at.line, at.column, "the sum of the pots of column 'Kronor' for Region Alfa")])
    }

    @Test func ruralCountTimesWeight() {
        let pots = "  - {id: p, title: P, amount: \(Self.limit), recipient: regions, key: {type: rural-weighted, input: landsbygd, weights: {urban_near: \(Self.limit), sparse: 4, very_sparse: 6}}}"
        let folder = SmallWorld.folder(pots: pots, inputs: "  - {id: landsbygd, kind: rural-population, file: inputs/landsbygd.csv}")
        folder.write("agreements/2030-test/inputs/landsbygd.csv", "Region,Tätortsnära,Gles,Mycket gles\nAlfa,\(Self.limit),0,0\nBeta,1,0,0\nGamma,1,0,0\n")
        expectOverflows(folder, [("agreements/2030-test/inputs/landsbygd.csv", 2, 1, "multiplying \(Self.limit) by \(Self.limit)")])
    }

    @Test func ruralWeightedTotal() {
        // Each weighted count fits (4 * 10^18), their sum over three regions does not.
        let pots = "  - {id: p, title: P, amount: \(Self.limit), recipient: regions, key: {type: rural-weighted, input: landsbygd, weights: {urban_near: 4000, sparse: 4, very_sparse: 6}}}"
        let folder = SmallWorld.folder(pots: pots, inputs: "  - {id: landsbygd, kind: rural-population, file: inputs/landsbygd.csv}")
        folder.write("agreements/2030-test/inputs/landsbygd.csv", "Region,Tätortsnära,Gles,Mycket gles\n" + ["Alfa", "Beta", "Gamma"].map { "\($0),\(Self.limit),0,0\n" }.joined())
        let at = position(of: "{id: landsbygd", in: agreementText(folder))
        expectOverflows(folder, [(Self.agreementFile, at.line, at.column, "the total of input 'landsbygd'")])
    }

    /// The chart divides a large amount by the smallest population: the page shows the exact figure.
    @Test func perInhabitantChartOfALargeAmountOverOnePerson() throws {
        let pots = "  - {id: p, title: P, amount: \(Self.limit), recipient: regions, key: {type: proportional, input: befolkning}}"
        let folder = SmallWorld.folder(pots: pots, population: "Region,Befolkning\nAlfa,1\nBeta,1\nGamma,1\n")
        var site = folder.check()
        #expect(site.diagnostics.errors.isEmpty, "\(site.diagnostics.errors)")
        let files = Pipeline.render(&site, templates: URL(fileURLWithPath: templatesPath), displayPath: "Templates")
        #expect(site.diagnostics.errors.isEmpty, "\(site.diagnostics.errors)")
        let page = try #require(files.first { $0.path == "overenskommelser/2030-test/index.html" })
        let html = String(decoding: page.contents, as: UTF8.self)
        #expect(html.contains("diagram-per-invanare"))
        // A third of 10^15 kr each; the tie goes to the first region. The bar (in öre, times the
        // plot width) passes 64 bits: it used to trap here.
        #expect(html.contains("333\u{A0}333\u{A0}333\u{A0}333\u{A0}334,0\u{A0}kr"))
    }

    /// A printed share of an input whose counts sum to zero divided by zero (a trap); now an error at the cell.
    @Test func shareOfAnInputThatSumsToZero() {
        let published = """
        published:
          - id: tabell
            title: Tabell
            file: published/tabell.csv
            rows: regions
            name_column: Region
            columns:
              - {column: Andel, share_of: insatser}
        """
        let folder = SmallWorld.folder(pots: CorpusTests.pots, published: published, care: "Län,Antal\nAlfa,0\nBeta,0\nGamma,0\n")
        folder.write("agreements/2030-test/published/tabell.csv", "Region,Andel\nRegion Alfa,0%\nRegion Beta,0%\nRegion Gamma,0%\n")
        expectOneError(folder, file: "agreements/2030-test/published/tabell.csv", line: 2, column: 13, id: "zero-total", contains: "sum to zero")
    }

    @Test func checkedArithmeticNamesItsOperands() throws {
        #expect(throws: ArithmeticOverflow("multiplying \(Int.max) by 2 (w)")) { try Checked.multiply(Int.max, 2, "w") }
        #expect(throws: ArithmeticOverflow.self) { try Checked.add(Int.max, 1) }
        #expect(throws: ArithmeticOverflow.self) { try Checked.sum(Array(repeating: Self.limit, count: Self.many)) }
        #expect(try Checked.sum(Array(repeating: Self.limit, count: Self.many - 1)) == Self.limit * (Self.many - 1))
    }

    /// Formatting is exact for any fraction: no multiplication that could overflow, no 0 shown instead.
    @Test func formattingIsExactAtTheEdgesOf128Bits() throws {
        let huge = try Fraction(Int128.max, 3)
        // 170141183460469231731687303715884105727 / 3 = 56713727820156410577229101238628035242,333...
        #expect(SwedishFormat.perInhabitant(huge).hasPrefix("56\u{A0}713\u{A0}727\u{A0}820\u{A0}156\u{A0}410\u{A0}577\u{A0}229\u{A0}101\u{A0}238\u{A0}628\u{A0}035\u{A0}242,3"))
        #expect(DataTable.Cell.decimal(huge, 2) == "56713727820156410577229101238628035242.33")
        #expect(DataTable.Cell.decimal(try Fraction(-Int128.max, 1), 1, shift: 2) == "-17014118346046923173168730371588410572700.0")
        #expect(SwedishFormat.percent(try Fraction(1, Int128.max)) == "0,0\u{A0}%")
        #expect(SwedishFormat.percent(try Fraction(-1, 2000)) == "−0,1\u{A0}%")
        #expect(SwedishFormat.percent(try Fraction(-1, 2001)) == "0,0\u{A0}%")
        #expect(SwedishFormat.percent(try Fraction(999, 1000), decimals: 0) == "100\u{A0}%")
        #expect(try Fraction(Int128.max, 2) < Fraction(Int128.max, 1))
        #expect(!(try Fraction(Int128.max - 1, Int128.max) < Fraction(Int128.max - 2, Int128.max - 1)))
    }
}
