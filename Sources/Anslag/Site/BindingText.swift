/// Whom a condition or deadline binds, in Swedish: "alla regioner", "kommunerna via RSS", "SKR",
/// "Region Stockholm", "Region Uppsala (medlen via SKR)" or a declared group's name.
enum BindingText {
    /// One binding. `pots` are the condition's pots: a named region whose money goes via SKR says so.
    static func text(_ binding: Binding, in agreement: Agreement, regions: RegionRegistry, pots: [String] = []) -> String {
        switch binding {
        case .allRegions: return "alla regioner"
        case .municipalities: return "kommunerna via RSS"
        case .skr: return "SKR"
        case .region(let id):
            let name = regions.region(id: id)?.name ?? id
            let viaSKR = pots.compactMap(agreement.pot).contains { $0.recipient == .region(id) && $0.viaSKR }
            return viaSKR ? "\(name) (medlen via SKR)" : name
        case .group(let id):
            guard let group = agreement.group(id) else { return id }
            return group.members == nil ? "\(group.name) (källan namnger inte regionerna)" : group.name
        }
    }

    /// Several bindings: "alla regioner, kommunerna via RSS och SKR".
    static func list(_ bindings: [Binding], in agreement: Agreement, regions: RegionRegistry, pots: [String] = []) -> String {
        join(bindings.map { text($0, in: agreement, regions: regions, pots: pots) })
    }

    /// "a", "a och b", "a, b och c".
    static func join(_ parts: [String]) -> String {
        guard parts.count > 1 else { return parts.first ?? "" }
        return parts.dropLast().joined(separator: ", ") + " och " + parts.last!
    }
}
