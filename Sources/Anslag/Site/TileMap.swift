/// A tile-grid map of the 21 regions, drawn at build time as inline SVG: one square per region
/// in its rough geographic place, showing kronor per inhabitant under one agreement.
///
/// Colour is never the only carrier: each tile shows the region's short name and its value as
/// text (the same text as the region table's "Kronor per invånare" column), and the legend
/// states each class's bounds in words. The region table beside the map is the table
/// alternative, with the full names.
///
/// The classes are equal steps of a round size (1, 2 or 5 times a power of ten, in tenths of a
/// krona) over the values as shown, that is rounded to one decimal by `SwedishFormat.perInhabitant`,
/// so a tile's text, its class and the legend always agree. The smallest step that gives at
/// most `maxClasses` classes is used; a class may be empty, which shows a gap honestly. All
/// arithmetic is on whole tenths of a krona in 128 bits, taken from the exact `Fraction`.
enum TileMap {
    /// Where a region's square sits and the short name printed on it.
    struct Place: Sendable {
        let column: Int
        let row: Int
        let short: String
    }

    /// The squares by county code. A rough geographic arrangement drawn for this site (it is
    /// not taken from a source): Norrbotten at the top, then Västerbotten; Jämtland and
    /// Västernorrland; Dalarna and Gävleborg; Värmland, Örebro, Västmanland and Uppsala;
    /// Västra Götaland, Östergötland, Sörmland and Stockholm; Halland, Jönköping, Kalmar and
    /// Gotland (to the east, out in the sea); Skåne, Kronoberg and Blekinge at the bottom.
    /// Four columns keep the squares large enough to read at 320 px.
    static let layout: [String: Place] = [
        "25": Place(column: 2, row: 0, short: "Norrb."),
        "24": Place(column: 2, row: 1, short: "Västerb."),
        "23": Place(column: 1, row: 2, short: "Jämtl."),
        "22": Place(column: 2, row: 2, short: "Västern."),
        "20": Place(column: 1, row: 3, short: "Dalarna"),
        "21": Place(column: 2, row: 3, short: "Gävleb."),
        "17": Place(column: 0, row: 4, short: "Värml."),
        "18": Place(column: 1, row: 4, short: "Örebro"),
        "19": Place(column: 2, row: 4, short: "Västm."),
        "03": Place(column: 3, row: 4, short: "Uppsala"),
        "14": Place(column: 0, row: 5, short: "V. Götal."),
        "05": Place(column: 1, row: 5, short: "Österg."),
        "04": Place(column: 2, row: 5, short: "Sörml."),
        "01": Place(column: 3, row: 5, short: "Sthlm"),
        "13": Place(column: 0, row: 6, short: "Halland"),
        "06": Place(column: 1, row: 6, short: "Jönk."),
        "08": Place(column: 2, row: 6, short: "Kalmar"),
        "09": Place(column: 3, row: 6, short: "Gotland"),
        "12": Place(column: 0, row: 7, short: "Skåne"),
        "07": Place(column: 1, row: 7, short: "Kronob."),
        "10": Place(column: 2, row: 7, short: "Blekinge"),
    ]

    static let tileWidth = 86
    static let tileHeight = 60
    static let gap = 4
    /// At most this many classes; with six shades the value on each tile still carries the figure.
    static let maxClasses = 6
    /// Shades from light to dark (`tile-s0` ... `tile-s5` in the style sheet).
    static let shades = 6

    /// The map of kronor per inhabitant for the regions' pots of one agreement; nil when the
    /// agreement has no population for every region (then it has no per-inhabitant figures), or
    /// when the content's regions are not the 21 county codes of `layout` (a map of Sweden only
    /// fits Sweden's regions; `TileMapTests` checks that `Content/regions.yaml` matches it).
    static func perInhabitant(_ allocation: AgreementAllocation, context: SiteContext, tableID: String) -> TileMapVM? {
        let a = allocation.agreement
        let pots = context.topPots(allocation, kind: .regions)
        guard !pots.isEmpty, let population = a.population else { return nil }
        var entries: [(region: Region, place: Place, tenths: Int128, text: String)] = []
        for region in context.regions {
            let total: Int
            do {
                total = try Checked.sum(pots.compactMap { pot in allocation.amount(of: pot.id, to: .region(region.id)).map { (label: "'\(pot.id)'", value: $0) } })
            } catch {
                context.report(.overflow(at: a.location, "\(region.name)'s total for the tile map", error))
                return nil
            }
            guard let value = context.perInhabitant(total, a, region.id) else { return nil }
            guard let place = layout[region.countyCode] else { return nil }
            entries.append((region, place, shownTenths(value), SwedishFormat.perInhabitant(value)))
        }
        // The map is of Sweden's 21 regions: content with other regions (a test world) gets none.
        guard Set(entries.map { $0.region.countyCode }) == Set(layout.keys), entries.count == layout.count,
              let low = entries.map(\.tenths).min(), let high = entries.map(\.tenths).max() else { return nil }
        let (step, first, count) = classes(low: low, high: high)
        func classOf(_ tenths: Int128) -> Int { Int(floorDiv(tenths, step) - first) }
        func shade(_ k: Int) -> Int { count == 1 ? 0 : (k * (shades - 1) + (count - 1) / 2) / (count - 1) }

        let legend = (0..<count).map { k in
            let lower = (first + Int128(k)) * step
            let members = entries.filter { classOf($0.tenths) == k }.count
            let regions = members == 0 ? "inga regioner" : members == 1 ? "1 region" : "\(members) regioner"
            return LegendClassVM(shade: shade(k),
                                 text: "\(tenthsText(lower, step: step)) till under \(tenthsText(lower + step, step: step)) kr per invånare (\(regions))")
        }
        let tiles = entries.map { e in
            let x = e.place.column * (tileWidth + gap), y = e.place.row * (tileHeight + gap)
            return TileVM(id: "ruta-\(e.region.id)", name: e.region.name, short: e.place.short, valueText: e.text,
                          shade: shade(classOf(e.tenths)), x: x, y: y, width: tileWidth, height: tileHeight, textX: x + tileWidth / 2, nameY: y + 25, valueY: y + 47)
        }
        let columns = (layout.values.map(\.column).max() ?? 0) + 1, rows = (layout.values.map(\.row).max() ?? 0) + 1
        let date = population.date.map { ", befolkningen \(SwedishFormat.date($0))" } ?? ""
        let top = entries.filter { $0.tenths == high }, bottom = entries.filter { $0.tenths == low }
        let highest = top.map(\.region.name).joined(separator: " och "), lowest = bottom.map(\.region.name).joined(separator: " och ")
        return TileMapVM(
            id: "karta-per-invanare",
            title: "Karta: kronor per invånare per region, \(a.title) (medel till regionerna\(date))",
            summary: "Varje region är en ruta ungefär där den ligger i Sverige, med en förkortning av namnet och regionens kronor per invånare. Rutans färg visar klassen i teckenförklaringen; mörkare är fler kronor per invånare. Flest får \(highest) (\(top[0].text)), färst \(lowest) (\(bottom[0].text)).",
            tableID: tableID,
            // One unit of margin on each side (the viewBox starts at -1) so the outer borders are not cut.
            width: columns * tileWidth + (columns - 1) * gap + 2, height: rows * tileHeight + (rows - 1) * gap + 2,
            tiles: tiles, legend: legend)
    }

    /// The value as shown (one decimal, rounded half away from zero) in whole tenths of a krona.
    static func shownTenths(_ value: Fraction) -> Int128 {
        let (negative, whole, digits) = value.decimal(places: 1)
        // A value below 2^127 / 10 kr per inhabitant: the amount is below 2^63, so this fits.
        let tenths = Int128(whole) * 10 + Int128(digits.first ?? 0)
        return negative ? -tenths : tenths
    }

    /// The class step (in tenths), the index of the first class (lowest value / step, rounded
    /// down) and the number of classes: the smallest round step giving at most `maxClasses`.
    static func classes(low: Int128, high: Int128) -> (step: Int128, first: Int128, count: Int) {
        var magnitude: Int128 = 1
        while true {
            for factor: Int128 in [1, 2, 5] {
                let step = factor * magnitude
                let first = floorDiv(low, step), last = floorDiv(high, step)
                if last - first + 1 <= Int128(maxClasses) { return (step, first, Int(last - first + 1)) }
            }
            magnitude *= 10
        }
    }

    static func floorDiv(_ a: Int128, _ b: Int128) -> Int128 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// A class bound in tenths as Swedish text: whole kronor when the step is whole kronor.
    static func tenthsText(_ tenths: Int128, step: Int128) -> String {
        let whole = tenths.magnitude / 10, tenth = tenths.magnitude % 10
        let text = SwedishFormat.grouped(digits: String(whole), negative: tenths < 0)
        return step % 10 == 0 ? text : text + "," + String(tenth)
    }
}
