import Foundation

/// Loads one agreement folder: `agreement.yaml` and the CSV tables it names.
enum AgreementLoader {
    /// Loads the folder, reporting every error in it at once: a bad value in one pot, input,
    /// table row, deadline or condition does not hide a mistake in the next. Structural checks
    /// (`AgreementValidator`) run only when every item loaded, so one typo never cascades into
    /// errors about what refers to it.
    static func load(folder: String, root: URL, regions: RegionRegistry) throws -> Agreement {
        let file = "\(folder)/agreement.yaml"
        try Placeholder.scan(folder: folder, root: root)
        let document = try YAMLValue.parse(SourceText.read(file, root: root))
        let map = try document.mapping()
        var problems = Diagnostics()
        func one<T>(_ body: () throws -> T) -> T? { problems.capture(body) }
        /// Every item of an optional list, each loaded on its own.
        func each<T>(_ value: YAMLValue?, _ transform: (YAMLValue) throws -> T) -> [T] {
            guard let value, let items = problems.capture({ try value.list() }) else { return [] }
            return items.compactMap { item in problems.capture { try transform(item) } }
        }
        func eachRequired<T>(_ key: String, _ transform: (YAMLValue) throws -> T) -> [T] {
            guard let value = one({ try map.required(key) }) else { return [] }
            return each(value, transform)
        }
        let id = one { () throws -> String in
            let id = try map.required("id").identifier()
            let folderName = (folder as NSString).lastPathComponent
            if id != folderName {
                throw Diagnostic.error(.idMismatch, at: try map.required("id").location,
                                       "id '\(id)' must equal the folder name '\(folderName)'")
            }
            return id
        }
        let series = one { try map.required("series").identifier() }
        let year = one { try map.required("year").wholeNumber() }
        let title = one { try map.required("title").string() }
        let subtitle = one { try map.optional("subtitle")?.string() } ?? nil
        let summary = one { try map.optional("summary")?.string() } ?? nil
        let statusNote = one { try map.optional("status_note")?.string() } ?? nil
        let isDraft = one { try draftStatus(map.optional("status")) } ?? false
        let updated = one { try map.optional("updated")?.isoDate() } ?? nil
        let parties = eachRequired("parties") { try self.party($0) }
        let sourceDocument = one { try self.source(map.required("source")) }
        let slips = each(map.optional("slips")) { try self.slip($0) }
        let inputs = eachRequired("inputs") { try self.input($0, folder: folder, root: root, regions: regions) }
        let pots = eachRequired("pots") { try self.pot($0) }
        let statedTotals = each(map.optional("stated_totals")) { try self.statedTotal($0) }
        let published = each(map.optional("published")) { try self.published($0, folder: folder, root: root, regions: regions) }
        let deadlines = each(map.optional("deadlines")) { try self.deadline($0, regions: regions) }
        let conditions = each(map.optional("conditions")) { try self.condition($0, regions: regions) }
        let recipientGroups = each(map.optional("recipient_groups")) { try self.recipientGroup($0, regions: regions) }
        let facts = each(map.optional("facts")) { try self.fact($0) }
        _ = one { try map.finish() }
        _ = one { try unique(inputs.map { ($0.id, $0.location) }, what: "input") }
        _ = one { try unique(pots.map { ($0.id, $0.location) }, what: "pot") }
        _ = one { try unique(published.map { ($0.id, $0.location) }, what: "published table") }
        _ = one { try unique(deadlines.map { ($0.id, $0.location) }, what: "deadline") }
        _ = one { try unique(conditions.map { ($0.id, $0.location) }, what: "condition") }
        _ = one { try unique(recipientGroups.map { ($0.id, $0.location) }, what: "recipient group") }
        guard !problems.hasErrors, let id, let series, let year, let title, let sourceDocument else { throw DiagnosticList(problems.all) }
        var agreement = Agreement(
            id: id, series: series, year: year, title: title, subtitle: subtitle, summary: summary, statusNote: statusNote,
            parties: parties, source: sourceDocument, slips: slips, inputs: inputs, pots: pots, statedTotals: statedTotals,
            published: published, deadlines: deadlines, conditions: conditions, recipientGroups: recipientGroups,
            facts: facts, folder: folder, location: document.location)
        agreement.isDraft = isDraft
        agreement.updated = updated
        let structural = AgreementValidator.problems(agreement, regions: regions)
        guard structural.isEmpty else { throw DiagnosticList(structural) }
        (agreement.status, agreement.statusRecordedThrough) = try StatusLoader.load(folder: folder, root: root, agreement: agreement, regions: regions)
        return agreement
    }

    /// `status: draft`, or no status for an agreement ready to publish.
    static func draftStatus(_ value: YAMLValue?) throws -> Bool {
        guard let value else { return false }
        guard try value.string() == DraftMarker.value else {
            throw Diagnostic.error(.unknownAgreementStatus, at: value.location, "status must be 'draft', found '\(try value.string())'",
                                   notes: ["write status: draft while the agreement is being written; remove the line to publish it"])
        }
        return true
    }

    static func unique(_ ids: [(String, SourceLocation)], what: String) throws {
        var seen: [String: SourceLocation] = [:]
        for (id, location) in ids {
            if let first = seen[id] {
                throw Diagnostic.error(.duplicateId, at: location, "\(what) id '\(id)' is used twice",
                                       notes: ["first used at \(first)"])
            }
            seen[id] = location
        }
    }

    // MARK: - Identity

    static func party(_ value: YAMLValue) throws -> Party {
        let map = try value.mapping()
        let party = Party(party: try map.required("party").string(), place: try map.optional("place")?.string(),
                          date: try map.optional("date")?.isoDate(), datePrinted: try map.optional("date_printed")?.string(),
                          signatory: try map.optional("signatory")?.string(), role: try map.optional("role")?.string())
        try map.finish()
        return party
    }

    static func source(_ value: YAMLValue) throws -> SourceDocument {
        let map = try value.mapping()
        let source = SourceDocument(file: try map.required("file").string(), title: try map.required("title").string(),
                                    sections: try map.optional("sections")?.strings() ?? [])
        try map.finish()
        return source
    }

    static func slip(_ value: YAMLValue) throws -> Slip {
        let map = try value.mapping()
        let slip = Slip(whereInSource: try map.required("where").string(), printed: try map.required("printed").string(),
                        meaning: try map.required("meaning").string())
        try map.finish()
        return slip
    }

    // MARK: - Pots and keys

    static func pot(_ value: YAMLValue) throws -> Pot {
        let map = try value.mapping()
        let amountValue = try map.required("amount")
        let amount: Pot.Amount = (try? amountValue.string()) == "rest" ? .rest : .fixed(try amountValue.wholeNumber())
        let keyValue = map.optional("key")
        let pot = Pot(
            id: try map.required("id").identifier(),
            parent: try map.optional("parent")?.identifier(),
            title: try map.required("title").string(),
            area: try map.optional("area")?.identifier(),
            amount: amount,
            recipient: try recipient(map.required("recipient")),
            viaSKR: try map.optional("via").map { v in
                guard try v.string() == "skr" else { throw Diagnostic.error(.unsupportedFunding, at: v.location, "via must be 'skr'") }
                return true
            } ?? false,
            fundedByRegions: try map.optional("funded_by").map { v in
                guard try v.string() == "regions" else {
                    throw Diagnostic.error(.unsupportedFunding, at: v.location, "funded_by must be 'regions'")
                }
                return true
            } ?? false,
            key: try keyValue.map(key),
            keyLocation: keyValue?.location,
            section: try map.optional("section")?.string(),
            location: value.location,
            amountLocation: amountValue.location)
        try map.finish()
        return pot
    }

    static func recipient(_ value: YAMLValue) throws -> RecipientKind {
        let text = try value.string()
        switch text {
        case "regions": return .regions
        case "municipalities": return .municipalities
        case "skr": return .skr
        case "samverkansregioner": return .samverkansregioner
        case "regions-and-municipalities": return .regionsAndMunicipalities
        case "mixed": return .mixed
        default:
            if text.hasPrefix("region:"), Identifier.isValid(String(text.dropFirst(7))) {
                return .region(String(text.dropFirst(7)))
            }
            throw Diagnostic.error(.unknownRecipient, at: value.location, "unknown recipient '\(text)'",
                                   notes: ["expected regions, municipalities, skr, region:<id>, samverkansregioner, regions-and-municipalities or mixed"])
        }
    }

    static let keyTypes = ["proportional", "base-plus-proportional", "blend", "equal", "given", "rural-weighted", "not-distributed"]

    static func key(_ value: YAMLValue) throws -> KeySpec {
        let map = try value.mapping()
        let typeValue = try map.required("type")
        let type = try typeValue.string()
        let result: KeySpec
        switch type {
        case "proportional": result = .proportional(input: try map.required("input").identifier())
        case "base-plus-proportional":
            result = .basePlusProportional(base: try map.required("base").wholeNumber(), input: try map.required("input").identifier())
        case "blend":
            let parts = try map.required("parts").list().map { item -> BlendPart in
                let part = try item.mapping()
                let blendPart = BlendPart(weight: try part.required("weight").fraction(),
                                          key: try AgreementLoader.key(part.required("key")))
                try part.finish()
                return blendPart
            }
            var sum = Fraction.zero
            for part in parts { sum = try sum.adding(part.weight) }
            guard sum == .one else {
                throw Diagnostic.error(.weights, at: value.location, "the blend's weights sum to \(sum), expected 1")
            }
            result = .blend(parts)
        case "equal":
            let group = try map.optional("group")?.string() ?? "samverkansregioner"
            guard group == "samverkansregioner" else {
                throw Diagnostic.error(.unknownEqualGroup, at: value.location, "unknown group '\(group)'", notes: ["expected samverkansregioner"])
            }
            result = .equal(group: group)
        case "given": result = .given(input: try map.required("input").identifier())
        case "rural-weighted":
            var weights = RuralWeights.standard
            if let w = map.optional("weights") {
                let wm = try w.mapping()
                weights = RuralWeights(urbanNear: try wm.required("urban_near").wholeNumber(),
                                       sparse: try wm.required("sparse").wholeNumber(),
                                       verySparse: try wm.required("very_sparse").wholeNumber())
                try wm.finish()
            }
            result = .ruralWeighted(input: try map.required("input").identifier(), weights: weights)
        case "not-distributed": result = .notDistributed(reason: try map.required("reason").string())
        default:
            var notes = ["expected one of: " + keyTypes.joined(separator: ", ")]
            if let best = Suggestion.closest(to: type, in: keyTypes) { notes.insert("did you mean '\(best)'?", at: 0) }
            throw Diagnostic.error(.unknownKeyType, at: typeValue.location, "unknown key type '\(type)'", notes: notes)
        }
        try map.finish()
        return result
    }

    static func statedTotal(_ value: YAMLValue) throws -> StatedTotal {
        let map = try value.mapping()
        let total = StatedTotal(what: try map.required("what").string(), amount: try map.required("amount").wholeNumber(),
                                pots: try map.required("pots").list().map { try $0.identifier() },
                                section: try map.optional("section")?.string(), location: value.location)
        try map.finish()
        return total
    }

    // MARK: - Deadlines and conditions

    static let bindingForms = ["regions", "municipalities", "skr", "region:<region id>", "group:<id under recipient_groups>"]

    static func bindings(_ value: YAMLValue, regions: RegionRegistry) throws -> [Binding] {
        try value.list().map { item in
            let text = try item.string()
            guard let binding = Binding(id: text) else {
                throw Diagnostic.error(.unknownBinding, at: item.location, "unknown recipient group '\(text)'",
                                       notes: ["expected one of: " + bindingForms.joined(separator: ", ")])
            }
            if case .region(let id) = binding, regions.region(id: id) == nil {
                var notes = ["expected region:<id> with the id of one of the 21 regions in regions.yaml"]
                if let best = Suggestion.closest(to: id, in: regions.regions.map(\.id)) { notes.insert("did you mean 'region:\(best)'?", at: 0) }
                throw Diagnostic.error(.unknownRegion, at: item.location, "unknown region '\(id)'", notes: notes)
            }
            return binding
        }
    }

    static func deadline(_ value: YAMLValue, regions: RegionRegistry) throws -> Deadline {
        let map = try value.mapping()
        let deadline = Deadline(id: try map.required("id").identifier(), title: try map.optional("title")?.string(),
                                date: try map.required("date").isoDate(),
                                what: try map.required("what").string(), by: try bindings(map.required("by"), regions: regions),
                                to: try map.optional("to")?.string(), section: try map.optional("section")?.string(),
                                onlyIf: try map.optional("only_if")?.string(), location: value.location)
        try map.finish()
        return deadline
    }

    static func condition(_ value: YAMLValue, regions: RegionRegistry) throws -> Condition {
        let map = try value.mapping()
        let id = try map.required("id").identifier()
        if let previous = map.optional("previous") {
            throw Diagnostic.error(.unknownKey, at: previous.location, "'previous' is replaced by 'continues' and 'replaces'",
                                   notes: ["write continues: <agreement id>/<condition id> (or replaces: when the condition changed in substance)"])
        }
        var sections: [String] = []
        if let one = map.optional("section") { sections.append(try one.string()) }
        if let more = map.optional("sections") {
            if !sections.isEmpty { throw Diagnostic.error(.conflictingKeys, at: more.location, "give 'section' or 'sections', not both") }
            sections = try more.strings()
        }
        let condition = Condition(id: id, sections: sections,
                                  pots: try map.optional("pots")?.list().map { try $0.identifier() } ?? [],
                                  appliesTo: try bindings(map.required("applies_to"), regions: regions),
                                  summary: try map.required("summary").string(),
                                  continues: try links(map.optional("continues")), replaces: try links(map.optional("replaces")),
                                  change: try map.optional("change")?.string(), location: value.location)
        if !condition.replaces.isEmpty, condition.change == nil {
            throw Diagnostic.error(.missingKey, at: value.location, "condition '\(id)' replaces an earlier condition but has no 'change'",
                                   notes: ["say in Swedish what changed, e.g. change: Kraven omfattar nu även kommunerna."])
        }
        try map.finish()
        return condition
    }

    /// `continues:` or `replaces:`: one `<agreement id>/<condition id>` or a list of them.
    static func links(_ value: YAMLValue?) throws -> [ConditionLink] {
        guard let value else { return [] }
        let items = value.isList ? try value.list() : [value]
        return try items.map { item in
            let text = try item.string()
            let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw Diagnostic.error(.invalidReference, at: item.location, "expected <agreement id>/<condition id>, found '\(text)'",
                                       notes: ["e.g. continues: 2022-god-och-nara-vard/nara-vard-tillganglighet"])
            }
            return ConditionLink(agreement: parts[0], condition: parts[1], location: item.location)
        }
    }

    static func recipientGroup(_ value: YAMLValue, regions: RegionRegistry) throws -> RecipientGroup {
        let map = try value.mapping()
        var members: [String]?
        if let list = map.optional("members") {
            members = try list.list().map { item in
                let id = try item.identifier()
                guard regions.region(id: id) != nil else {
                    throw Diagnostic.error(.unknownRegion, at: item.location, "unknown region '\(id)'",
                                           notes: Suggestion.closest(to: id, in: regions.regions.map(\.id)).map { ["did you mean '\($0)'?"] } ?? [])
                }
                return id
            }
        }
        let group = RecipientGroup(id: try map.required("id").identifier(), name: try map.required("name").string(), members: members,
                                   section: try map.optional("section")?.string(), location: value.location)
        try map.finish()
        return group
    }

    static func fact(_ value: YAMLValue) throws -> Fact {
        let map = try value.mapping()
        let topicValue = try map.required("topic")
        let topic = try topicValue.string()
        guard Fact.topics.contains(where: { $0.id == topic }) else {
            var notes = ["expected one of: " + Fact.topics.map(\.id).joined(separator: ", ")]
            if let best = Suggestion.closest(to: topic, in: Fact.topics.map(\.id)) { notes.insert("did you mean '\(best)'?", at: 0) }
            throw Diagnostic.error(.unknownFactTopic, at: topicValue.location, "unknown fact topic '\(topic)'", notes: notes)
        }
        let fact = Fact(topic: topic, text: try map.required("text").string(), section: try map.required("section").string(), location: value.location)
        try map.finish()
        return fact
    }
}
