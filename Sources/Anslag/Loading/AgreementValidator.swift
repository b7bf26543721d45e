/// Checks an agreement's references and structure: everything that can be wrong before any arithmetic.
enum AgreementValidator {
    /// Every structural problem of the agreement, each pot, condition, deadline and table column checked on its own.
    static func problems(_ agreement: Agreement, regions: RegionRegistry) -> [Diagnostic] {
        var found = Diagnostics()
        let pots = Dictionary(agreement.pots.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func potExists(_ id: String, at location: SourceLocation) throws {
            guard pots[id] != nil else {
                var notes: [String] = []
                if let best = Suggestion.closest(to: id, in: agreement.pots.map(\.id)) { notes.append("did you mean '\(best)'?") }
                throw Diagnostic.error(.unknownPot, at: location, "unknown pot '\(id)'", notes: notes)
            }
        }
        // Children by parent, built once: an agreement may have thousands of pots.
        let childrenOf = Dictionary(grouping: agreement.pots.filter { $0.parent != nil }, by: { $0.parent ?? "" })
        _ = found.capture { try tree(agreement, pots: pots, childrenOf: childrenOf) }
        for pot in agreement.pots {
            _ = found.capture { try validateRecipient(pot, agreement: agreement, regions: regions, hasChildren: childrenOf[pot.id] != nil) }
        }
        for total in agreement.statedTotals { _ = found.capture { for id in total.pots { try potExists(id, at: total.location) } } }
        for condition in agreement.conditions { _ = found.capture { for id in condition.pots { try potExists(id, at: condition.location) } } }
        for (bindings, location) in agreement.conditions.map({ ($0.appliesTo, $0.location) }) + agreement.deadlines.map({ ($0.by, $0.location) }) {
            for case .group(let id) in bindings where agreement.group(id) == nil {
                var notes = ["declare the group under recipient_groups: with an id, a name and, where the source names them, its members"]
                if let best = Suggestion.closest(to: id, in: agreement.recipientGroups.map(\.id)) { notes.insert("did you mean 'group:\(best)'?", at: 0) }
                found.append(.error(.unknownRecipientGroup, at: location, "unknown recipient group '\(id)'", notes: notes))
            }
        }
        for table in agreement.published {
            for column in table.columns { _ = found.capture { try check(column, of: table, agreement: agreement, pots: pots, potExists: potExists) } }
        }
        return found.all
    }

    /// The pot tree: one root, every parent exists, no cycles, at most one 'rest' per parent.
    private static func tree(_ agreement: Agreement, pots: [String: Pot], childrenOf: [String: [Pot]]) throws {
        var problems: [Diagnostic] = []
        let roots = agreement.pots.filter { $0.parent == nil }
        if roots.count != 1 {
            problems.append(.error(.potTree, at: (roots.dropFirst().first ?? agreement.pots.first)?.location ?? agreement.location,
                                   "an agreement has exactly one root pot (without parent), found \(roots.count)",
                                   notes: ["give every pot but the agreement's total a 'parent'"]))
        }
        for pot in agreement.pots {
            if let parent = pot.parent {
                guard pots[parent] != nil else {
                    var notes: [String] = []
                    if let best = Suggestion.closest(to: parent, in: agreement.pots.map(\.id)) { notes.append("did you mean '\(best)'?") }
                    problems.append(.error(.unknownPot, at: pot.location, "unknown pot '\(parent)'", notes: notes))
                    continue
                }
                var seen: Set<String> = [pot.id]
                var current = parent
                while let next = pots[current]?.parent {
                    guard seen.insert(current).inserted else {
                        problems.append(.error(.potTree, at: pot.location, "pot '\(pot.id)' is its own ancestor"))
                        break
                    }
                    current = next
                }
            } else if pot.amount == .rest {
                problems.append(.error(.rootPotRest, at: pot.amountLocation, "the root pot cannot have amount 'rest'"))
            }
        }
        for parent in agreement.pots {
            let rests = (childrenOf[parent.id] ?? []).filter { $0.amount == .rest }
            if rests.count > 1 {
                problems.append(.error(.severalRests, at: rests[1].amountLocation, "pot '\(parent.id)' has more than one child with amount 'rest'"))
            }
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
    }

    private static func check(_ column: PublishedColumn, of table: PublishedTable, agreement: Agreement, pots: [String: Pot],
                              potExists: (String, SourceLocation) throws -> Void) throws {
        switch column.meaning {
        case .input(let id), .shareOf(let id):
            guard let input = agreement.input(id) else {
                throw Diagnostic.error(.unknownInput, at: column.location, "unknown input '\(id)'")
            }
            if input.unavailable != nil {
                throw Diagnostic.error(.unavailableInput, at: column.location, "input '\(id)' is declared unavailable but the table prints it")
            }
        case .pots(let ids):
            for id in ids {
                try potExists(id, column.location)
                if case .given(let input)? = pots[id]!.key {
                    throw Diagnostic.error(.givenTable, at: column.location,
                                           "pot '\(id)' is split by the given table '\(input)', so comparing it with a published table would compare the table with itself",
                                           notes: ["a given table is an input: show it under inputs, not under published"])
                }
                let expected: RecipientKind = table.rows == .regions ? .regions : .municipalities
                guard pots[id]!.recipient == expected else {
                    throw Diagnostic.error(.tableRecipientMismatch, at: column.location,
                                           "pot '\(id)' does not go to \(table.rows == .regions ? "the regions" : "the municipalities"), so it cannot fill a table of \(table.rows.rawValue)")
                }
            }
        }
    }

    static func validateRecipient(_ pot: Pot, agreement: Agreement, regions: RegionRegistry, hasChildren: Bool) throws {
        let at = pot.keyLocation ?? pot.location
        switch pot.recipient {
        case .region(let id):
            guard regions.region(id: id) != nil else {
                var notes: [String] = []
                if let best = Suggestion.closest(to: id, in: regions.regions.map(\.id)) { notes.append("did you mean 'region:\(best)'?") }
                throw Diagnostic.error(.unknownRegion, at: pot.location, "pot '\(pot.id)' names unknown region '\(id)'", notes: notes)
            }
            fallthrough
        case .skr, .mixed:
            if pot.key != nil {
                throw Diagnostic.error(.potTakesNoKey, at: at, "pot '\(pot.id)' goes to a single recipient or is a parent, so it takes no key")
            }
        case .regions, .municipalities:
            if pot.key == nil && !hasChildren {
                throw Diagnostic.error(.missingPotKey, at: pot.location,
                                       "pot '\(pot.id)' is split among recipients but has no 'key'",
                                       notes: ["add a key such as {type: proportional, input: befolkning}, or {type: not-distributed, reason: ...}"])
            }
            if case .equal = pot.key {
                throw Diagnostic.error(.equalKeyRecipient, at: at, "an 'equal' key splits among samverkansregioner; set recipient: samverkansregioner")
            }
        case .samverkansregioner:
            guard case .equal = pot.key else {
                throw Diagnostic.error(.missingPotKey, at: at, "pot '\(pot.id)' goes to the samverkansregioner and needs key {type: equal}")
            }
        case .regionsAndMunicipalities:
            guard case .notDistributed = pot.key else {
                throw Diagnostic.error(.missingPotKey, at: at, "pot '\(pot.id)' goes to regions and municipalities together and needs key {type: not-distributed, reason: ...}")
            }
        }
        if pot.key != nil && hasChildren {
            throw Diagnostic.error(.potTakesNoKey, at: at, "pot '\(pot.id)' has children, so its split is theirs and it takes no key")
        }
        for id in pot.key?.inputs ?? [] {
            guard let input = agreement.input(id) else {
                var notes = ["declare it under 'inputs' with a file, or with 'unavailable' and the reason the source lacks it"]
                if let best = Suggestion.closest(to: id, in: agreement.inputs.map(\.id)) { notes.insert("did you mean '\(best)'?", at: 0) }
                throw Diagnostic.error(.unknownInput, at: at, "pot '\(pot.id)' needs input '\(id)', which is not declared", notes: notes)
            }
            try checkKind(pot.key!, input: input, at: at)
        }
    }

    private static func checkKind(_ key: KeySpec, input: InputTable, at: SourceLocation) throws {
        func require(_ kinds: [InputKind]) throws {
            guard kinds.contains(input.kind) else {
                throw Diagnostic.error(.inputKindMismatch, at: at, "input '\(input.id)' is of kind \(input.kind.rawValue); this key needs " +
                                       kinds.map(\.rawValue).joined(separator: " or "))
            }
        }
        switch key {
        case .proportional(let id), .basePlusProportional(_, let id):
            if id == input.id { try require([.population, .careRecipients]) }
        case .given: try require([.amounts])
        case .ruralWeighted: try require([.ruralPopulation])
        case .blend(let parts): for part in parts where part.key.inputs.contains(input.id) { try checkKind(part.key, input: input, at: at) }
        case .equal, .notDistributed: break
        }
    }
}
