/// Inline SVG bar charts, drawn at build time. Each has a text summary and names the table
/// that holds the same numbers, so no reader depends on the picture.
///
/// One layout for every width: each bar has its label on the line above it and its value
/// after it, in a viewBox 340 units wide that scales with its container (no fixed width). At
/// 320 px a 15-unit label is about 13 px; CSS caps the chart's width so it never grows huge.
/// Text is `currentColor` (CSS), so forced-colours mode keeps it.
enum Charts {
    static let width = 340
    static let barHeight = 16
    /// Label line, bar and gap.
    static let rowHeight = 44
    /// Room after the longest bar for its value text.
    static let plotWidth = 200

    /// Bar widths in proportion to the values. In 128 bits: a value below 2^127 / `plotWidth`
    /// times the plot width fits, and the width is at most `plotWidth`, so nothing overflows.
    static func bars(_ items: [(label: String, value: Int128, text: String)]) -> [BarVM] {
        let maxValue = max(1, items.map(\.value).max() ?? 1)
        return items.enumerated().map { i, item in
            let y = i * rowHeight
            let width = max(1, Int(max(0, item.value) * Int128(plotWidth) / maxValue))
            return BarVM(label: item.label, valueText: item.text, labelY: y + 14, barY: y + 20, width: width,
                         valueX: width + 6, valueY: y + 20 + barHeight - 3)
        }
    }

    static func chart(id: String, title: String, summary: String, tableID: String,
                      items: [(label: String, value: Int128, text: String)]) -> ChartVM {
        let largest = items.max { $0.value < $1.value }
        let scale = largest.map { "Skala: staplarna börjar vid 0 (den lodräta linjen) och deras längd är proportionell mot värdet. Den längsta stapeln är \($0.text)." } ?? ""
        return ChartVM(id: id, title: title, summary: summary, tableID: tableID, height: items.count * rowHeight,
                       width: width, scale: scale, bars: bars(items))
    }

    /// Kronor per inhabitant for each region under one agreement.
    static func perInhabitant(_ allocation: AgreementAllocation, context: SiteContext, tableID: String) -> ChartVM? {
        let a = allocation.agreement
        let pots = context.topPots(allocation, kind: .regions)
        var items: [(label: String, value: Int128, text: String)] = []
        var values: [(String, Fraction)] = []
        for region in context.regions {
            let total: Int
            do {
                total = try Checked.sum(pots.compactMap { pot in allocation.amount(of: pot.id, to: .region(region.id)).map { (label: "'\(pot.id)'", value: $0) } })
            } catch {
                context.report(.overflow(at: a.location, "\(region.name)'s total for the per-inhabitant chart", error))
                return nil
            }
            // No population for a region: the agreement has no per-inhabitant figures, so no chart.
            guard let people = a.population?.value(for: region.id), let value = Fraction.ratio(total, people) else { return nil }
            values.append((region.name, value))
            // Whole öre per inhabitant: the amount (below 2^63) times 100 over the people fits in 128 bits.
            let öre = Int128(total) * 100 / Int128(people)
            items.append((region.name, öre, SwedishFormat.perInhabitant(value)))
        }
        guard let high = values.max(by: { $0.1 < $1.1 }), let low = values.min(by: { $0.1 < $1.1 }) else { return nil }
        return chart(id: "diagram-per-invanare", title: "Kronor per invånare per region, \(a.title)",
                     summary: "Flest kronor per invånare får \(high.0) (\(SwedishFormat.perInhabitant(high.1))), färst \(low.0) (\(SwedishFormat.perInhabitant(low.1))).",
                     tableID: tableID, items: items)
    }

    /// A region's money per agreement over the years.
    static func regionSeries(_ region: Region, context: SiteContext, tableID: String) -> ChartVM? {
        let items = context.allocations.filter { context.hasRegionSplit($0) }.map { allocation in
            let total = context.regionTotal(allocation, region.id)
            return (label: allocation.agreement.title, value: Int128(total), text: SwedishFormat.compactKronor(total))
        }
        guard items.count > 0 else { return nil }
        let summary = items.map { "\($0.label): \($0.text)" }.joined(separator: "; ") + "."
        return chart(id: "diagram-over-tid", title: "\(region.name): medel per överenskommelse", summary: summary,
                     tableID: tableID, items: items)
    }
}
