import Foundation
import Testing
@testable import Anslag

/// Issue 9 item 2: the tile-grid map of kronor per inhabitant on each agreement page, read from
/// the built pages and checked against the region table on the same page (its table alternative).
@Suite struct TileMapTests {
    /// Whole tenths of a krona from a shown figure: "1 234,5 kr" -> 12345; "200" -> 2000.
    static func tenths(_ text: Substring) -> Int? {
        let number = text.replacingOccurrences(of: "\u{00A0}kr", with: "").replacingOccurrences(of: "\u{00A0}", with: "")
        let parts = number.split(separator: ",", omittingEmptySubsequences: false)
        guard let whole = Int(parts[0]) else { return nil }
        if parts.count == 1 { return whole * 10 }
        guard parts.count == 2, parts[1].count == 1, let tenth = Int(parts[1]) else { return nil }
        return whole * 10 + tenth
    }

    /// The region table's "Kronor per invånare" text per region name, or nil when the page's table
    /// has no such column (or the page has no region table).
    static func perInhabitantColumn(_ html: String) throws -> [String: String]? {
        guard let table = html.firstMatch(of: /<div class="table-block" id="regionerna">[\s\S]*?<\/table>/)?.0 else { return nil }
        let headers = table.matches(of: /<th scope="col"[^>]*>([^<]*)<\/th>/).map { String($0.1) }
        guard let column = headers.firstIndex(of: "Kronor per invånare") else { return nil }
        var values: [String: String] = [:]
        for row in table.matches(of: /<tr id="region-(?!totalt)[^"]+">([\s\S]*?)<\/tr>/) {
            let name = try #require(row.1.firstMatch(of: /data-value="([^"]+)"/)).1
            // The row heading is cell 0; the data cells follow it.
            let cells = row.1.matches(of: /<td[^>]*>([\s\S]*?)<\/td>/).map { $0.1.replacing(/<[^>]+>/, with: "") }
            values[String(name)] = String(cells[column - 1])
        }
        return values
    }

    @Test func everyAgreementPageWithPerInhabitantFiguresHasAMapThatAgreesWithItsTable() throws {
        let agreements = ReaderTests.pages.filter { $0.key.wholeMatch(of: /overenskommelser\/[^\/]+\/index\.html/) != nil }
        #expect(agreements.count >= 4)
        var withMap = 0, withoutMap = 0
        for (path, html) in agreements.sorted(by: { $0.key < $1.key }) {
            let figure = html.firstMatch(of: /<figure class="chart tilemap" id="karta-per-invanare">[\s\S]*?<\/figure>/)?.0
            guard let table = try Self.perInhabitantColumn(html) else {
                // No per-region kronor per inhabitant on the page: no map either.
                #expect(figure == nil, "\(path) has a map but no per-inhabitant column")
                #expect(!html.contains("class=\"tile"), "\(path)")
                withoutMap += 1
                continue
            }
            withMap += 1
            let map = try #require(figure, "\(path) has per-inhabitant figures but no map")
            #expect(table.count == 21, "\(path)")

            // The SVG scales: a viewBox, no fixed width, an accessible name from the caption and summary.
            let svg = try #require(map.firstMatch(of: /<svg [^>]*>/)).0
            #expect(svg.contains("role=\"img\"") && svg.contains("aria-labelledby=\"karta-per-invanare-title karta-per-invanare-summary\""))
            #expect(svg.firstMatch(of: /\swidth="/) == nil, "fixed width: \(svg)")
            let box = try #require(svg.firstMatch(of: /viewBox="(-?[0-9]+) (-?[0-9]+) ([0-9]+) ([0-9]+)"/))
            let (minX, minY, boxWidth, boxHeight) = (Int(box.1)!, Int(box.2)!, Int(box.3)!, Int(box.4)!)
            // The caption names the population date; the summary links to the table alternative.
            #expect(map.contains("befolkningen"), "\(path)")
            #expect(map.contains("<a href=\"#regionerna\">"), "\(path)")

            // The legend: contiguous classes "A till under B kr per invånare (n regioner)".
            let legend = try map.matches(of: /<li class="tile-s([0-5])">[\s\S]*?<\/svg> ([0-9\u{00A0},]+) till under ([0-9\u{00A0},]+) kr per invånare \((inga regioner|1 region|([0-9]+) regioner)\)<\/li>/).map { m in
                (shade: Int(m.1)!, low: try #require(Self.tenths(m.2)), high: try #require(Self.tenths(m.3)),
                 count: m.4 == "inga regioner" ? 0 : m.4 == "1 region" ? 1 : Int(m.5!)!)
            }
            #expect((1...6).contains(legend.count), "\(path): \(legend.count) classes")
            #expect(map.matches(of: /<li class="tile-s/).count == legend.count, "\(path): a legend line did not parse")
            for (a, b) in zip(legend, legend.dropFirst()) {
                #expect(a.high == b.low && a.low < a.high && a.shade < b.shade, "\(path): \(a) then \(b)")
            }

            // 21 tiles, one per region, each with its name, the table's value and the class of that value.
            let tiles = map.matches(of: /<g id="ruta-[^"]+" class="tile tile-s([0-5])"><title>([^<]+): ([^<]+) per invånare<\/title>\n<rect x="([0-9]+)" y="([0-9]+)" width="([0-9]+)" height="([0-9]+)"><\/rect>\n<text [^>]*class="tile-name">([^<]+)<\/text>\n<text [^>]*class="tile-value">([^<]+)<\/text>/)
            #expect(tiles.count == 21, "\(path): \(tiles.count) tiles")
            #expect(map.matches(of: /<g id="ruta-/).count == 21, "\(path): a tile did not parse")
            #expect(Set(tiles.map { String($0.2) }) == Set(table.keys), "\(path)")
            #expect(Set(tiles.map { String($0.8) }).count == 21, "\(path): short names repeat")
            var counts = Array(repeating: 0, count: legend.count)
            var squares: Set<[Int]> = []
            for tile in tiles {
                let name = String(tile.2)
                #expect(String(tile.9) == table[name], "\(path): \(name) shows \(tile.9), the table \(table[name] ?? "nothing")")
                #expect(tile.3 == tile.9)
                let value = try #require(Self.tenths(tile.9), "\(path): \(tile.9)")
                let classes = legend.indices.filter { legend[$0].low <= value && value < legend[$0].high }
                #expect(classes.count == 1, "\(path): \(name) \(tile.9) is in \(classes.count) classes")
                if let k = classes.first {
                    counts[k] += 1
                    #expect(Int(tile.1)! == legend[k].shade, "\(path): \(name) has shade \(tile.1), its class \(legend[k].shade)")
                }
                // Inside the viewBox, and no two squares overlap.
                let (x, y, w, h) = (Int(tile.4)!, Int(tile.5)!, Int(tile.6)!, Int(tile.7)!)
                #expect(x >= minX + 1 && y >= minY + 1 && x + w <= minX + boxWidth - 1 && y + h <= minY + boxHeight - 1, "\(path): \(name) outside the viewBox")
                #expect(squares.insert([x, y]).inserted, "\(path): two tiles at \(x), \(y)")
            }
            #expect(counts == legend.map(\.count), "\(path): the legend's counts \(legend.map(\.count)), the tiles' \(counts)")
            for s1 in squares { for s2 in squares where s1 != s2 {
                #expect(abs(s1[0] - s2[0]) >= TileMap.tileWidth || abs(s1[1] - s2[1]) >= TileMap.tileHeight, "overlap \(s1) \(s2)")
            } }
        }
        #expect(withMap >= 2 && withoutMap >= 1, "with \(withMap), without \(withoutMap)")
    }

    /// The layout has a square for exactly the county codes of the bundled regions, each its own.
    @Test func layoutCoversTheBundledRegionsOnce() throws {
        let regions = try #require(Pipeline.check(contentRoot: bundledContent, asOf: "2026-11-23").content).regions.regions
        #expect(Set(regions.map(\.countyCode)) == Set(TileMap.layout.keys))
        #expect(regions.count == TileMap.layout.count)
        let squares = TileMap.layout.values.map { [$0.column, $0.row] }
        #expect(Set(squares).count == squares.count)
    }

    /// The classes: a round step, covering the lowest and highest value, at most `maxClasses`,
    /// and the next smaller round step would need more.
    @Test(arguments: [(Int128(2075), Int128(4571)), (4847, 4927), (0, 0), (5, 5), (-35, 120), (1, 99_999_999)])
    func classesAreTheSmallestRoundStepThatFits(low: Int128, high: Int128) {
        let (step, first, count) = TileMap.classes(low: low, high: high)
        #expect(count >= 1 && count <= TileMap.maxClasses)
        #expect(first * step <= low && high < (first + Int128(count)) * step)
        var magnitude: Int128 = 1
        var steps: [Int128] = []
        while magnitude <= step { steps += [1, 2, 5].map { $0 * magnitude }; magnitude *= 10 }
        #expect(steps.contains(step))
        for smaller in steps where smaller < step {
            #expect(TileMap.floorDiv(high, smaller) - TileMap.floorDiv(low, smaller) + 1 > Int128(TileMap.maxClasses), "step \(smaller) would do")
        }
    }
}
