/// Inline SVG bar charts, drawn at build time. Each has a text summary and names the table
/// that holds the same numbers, so no reader depends on the picture.
enum Charts {
    static let barHeight = 22
    static let gap = 6
    static let plotWidth = 420

    /// Bar widths in proportion to the values. In 128 bits: a value below 2^127 / `plotWidth`
    /// times the plot width fits, and the width is at most `plotWidth`, so nothing overflows.
    static func bars(_ items: [(label: String, value: Int128, text: String)], labelWidth: Int) -> [BarVM] {
        let maxValue = max(1, items.map(\.value).max() ?? 1)
        return items.enumerated().map { i, item in
            let y = i * (barHeight + gap)
            let width = max(1, Int(max(0, item.value) * Int128(plotWidth) / maxValue))
            return BarVM(label: item.label, valueText: item.text, y: y, textY: y + barHeight / 2 + 5, width: width,
                         labelRight: labelWidth - 8, barX: labelWidth, valueX: labelWidth + width + 6)
        }
    }

    static func chart(id: String, title: String, summary: String, tableID: String, labelWidth: Int,
                      items: [(label: String, value: Int128, text: String)]) -> ChartVM {
        ChartVM(id: id, title: title, summary: summary, tableID: tableID, height: items.count * (barHeight + gap),
                width: labelWidth + plotWidth + 150, bars: bars(items, labelWidth: labelWidth))
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
                     tableID: tableID, labelWidth: 230, items: items)
    }

    /// A region's money per agreement over the years.
    static func regionSeries(_ region: Region, context: SiteContext, tableID: String) -> ChartVM? {
        let items = context.allocations.filter { context.hasRegionSplit($0) }.map { allocation in
            let total = context.regionTotal(allocation, region.id)
            return (label: allocation.agreement.title, value: Int128(total), text: SwedishFormat.kronor(total))
        }
        guard items.count > 0 else { return nil }
        let summary = items.map { "\($0.label): \($0.text)" }.joined(separator: "; ") + "."
        return chart(id: "diagram-over-tid", title: "\(region.name): medel per överenskommelse", summary: summary,
                     tableID: tableID, labelWidth: 250, items: items)
    }
}
