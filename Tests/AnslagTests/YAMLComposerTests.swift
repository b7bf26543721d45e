import Testing
@testable import Anslag

/// The one YAML reader (`YAMLComposer`): the tree it builds and the errors it gives, in the order
/// and at the positions authors saw when the bounds pass and Yams each read the file.
@Suite struct YAMLComposerTests {
    static let file = "test.yaml"

    func parse(_ text: String) throws -> YAMLValue { try YAMLValue.parse(SourceText(path: Self.file, text: text)) }

    /// The diagnostics parsing `text` throws (none when it parses).
    func errors(_ text: String) -> [Diagnostic] {
        do {
            _ = try parse(text)
            return []
        } catch let diagnostic as Diagnostic {
            return [diagnostic]
        } catch let list as DiagnosticList {
            return list.diagnostics
        } catch {
            return [.error(.internal, at: .file("?"), "\(error)")]
        }
    }

    /// `(id, line, column, message)` of each diagnostic, to compare with a literal.
    func summary(_ text: String) -> [String] {
        errors(text).map { "\($0.id.rawValue) \($0.location.line):\($0.location.column) \($0.message)" }
    }

    /// The anchored value starts at its anchor (`&x`), as libyaml marks it.
    @Test func anAliasIsACopyOfItsAnchoredValueAtTheAnchorsPosition() throws {
        let map = try parse("a: &x {b: 1, c: [2, 3]}\nd: *x\n").mapping()
        let copy = try map.required("d").mapping()
        #expect(try copy.required("b").wholeNumber() == 1)
        #expect(try copy.required("c").strings() == ["2", "3"])
        #expect(copy.location == SourceLocation(file: Self.file, line: 1, column: 4))
        try copy.finish()
        _ = try map.required("a")
        try map.finish()
    }

    @Test func tagsAreIgnoredAndMergeKeysAreOrdinaryKeys() throws {
        let map = try parse("n: !!int 5\nt: !custom text\ns: !!str 7\nd: &d {x: 1}\n<<: *d\n").mapping()
        #expect(try map.required("n").wholeNumber() == 5)
        #expect(try map.required("t").string() == "text")
        #expect(try map.required("s").wholeNumber() == 7)
        #expect(try map.required("<<").mapping().required("x").wholeNumber() == 1)
        #expect(map.optional("x") == nil)
    }

    @Test func nullIsAPlainEmptyTildeOrNullAndQuotedOrBlockTextNeverIs() throws {
        let map = try parse("a:\nb: ~\nc: null\nd: Null\ne: NULL\nf: nULL\ng: 'null'\nh: \"~\"\ni: |\n  null\n").mapping()
        for key in ["a", "b", "c", "d", "e"] { #expect(map.optional(key) == nil, "\(key)") }
        #expect(try map.required("f").string() == "nULL")
        #expect(try map.required("g").string() == "null")
        #expect(try map.required("h").string() == "~")
        #expect(try map.required("i").string() == "null\n")
        // Quoted text is never a number, however it reads.
        #expect(throws: Diagnostic.self) { try parse("a: '5'\n").mapping().required("a").wholeNumber() }
    }

    @Test func mappingsKeepTheirOrder() throws {
        let value = try parse("z: 1\na: 2\nm: 3\n")
        guard case .mapping(let entries, _) = value.node else { Issue.record("not a mapping"); return }
        #expect(entries.map(\.key.text) == ["z", "a", "m"])
    }

    @Test func structureErrors() {
        #expect(summary("a: *nope\n") == ["yaml-syntax 1:4 invalid YAML: found undefined alias"])
        // An anchor is defined once its value is finished: an alias inside it is undefined.
        #expect(summary("a: &x [*x]\n") == ["yaml-syntax 1:8 invalid YAML: found undefined alias"])
        #expect(summary("a: 1\n---\nb: 2\n") == ["yaml-syntax 2:1 invalid YAML: expected a single document in the stream but found another document"])
        #expect(summary("# only a comment\n") == ["empty-file 1:1 file is empty"])
        #expect(summary("a: {\n") == ["yaml-syntax 2:1 invalid YAML: while parsing a flow node did not find expected node content"])
    }

    /// A key given twice is reported where it is given the second time (not by searching the
    /// text, which could land in a comment), the alphabetically first of several such keys.
    @Test func aKeyGivenTwiceIsReportedAtItsSecondPosition() throws {
        let diagnostics = errors("b: 1 # a: x\na: 1\nb: 2\na: 2\n")
        #expect(diagnostics.map(\.id) == [.duplicateKey])
        #expect(diagnostics.first?.message == "key 'a' is given twice")
        #expect(diagnostics.first?.location == SourceLocation(file: Self.file, line: 4, column: 1))
        #expect(diagnostics.first?.notes == ["first given at test.yaml:2:1"])
        // In a large mapping too, and in a flow mapping.
        let large = (0..<30).map { "k\($0): 1\n" }.joined() + "k7: 2\n"
        #expect(summary(large) == ["duplicate-key 31:1 key 'k7' is given twice"])
        #expect(summary("x: {a: 1,   a: 2}\n") == ["duplicate-key 1:13 key 'a' is given twice"])
    }

    /// Bounds errors win over every other error; the first structure error wins over a later
    /// syntax error; control characters do not stop the pass.
    @Test func errorsComeInTheOrderTheyDidBefore() {
        #expect(summary("a: 1\na: 2\nb: \"\\x01\"\n") == ["control-character 3:4 the value contains the control character U+0001"])
        #expect(summary("a: *nope\nb: " + String(repeating: "[", count: 40)) == ["yaml-too-deep 2:35 lists and mappings are nested more than 32 deep"])
        #expect(summary("a: 1\n---\nb: \"\\x07\"\n") == ["control-character 3:4 the value contains the control character U+0007"])
        #expect(summary("a: 1\na: 2\nb: *nope\n") == ["yaml-syntax 3:4 invalid YAML: found undefined alias"])
        #expect(summary("a: 1\na: 2\nb: [\n") == ["yaml-syntax 4:1 invalid YAML: while parsing a flow node did not find expected node content"])
        #expect(summary("a: \"\\x01\"\nb: \"\\x02\"\n[c]: 1\nd: \"\\x03\"\n") == [
            "control-character 1:4 the value contains the control character U+0001",
            "control-character 2:4 the value contains the control character U+0002",
            "complex-key 3:1 keys must be plain text, found a list",
        ])
        #expect(summary("a: \"\\x85 \\uFFFE\"\nb: \"\\x7f\"\nc: \"é \\xa0\"\n") == [
            "control-character 1:4 the value contains the control character U+0085",
            "control-character 2:4 the value contains the control character U+007F",
        ])
    }
}
