import Foundation
import Testing
@testable import Anslag

/// The renderer that replaced swift-mustache: Mustache's whitespace rules (the spec's own
/// examples), escaping, value trees from `TemplateRepresentable` view models, and key checking with positions.
@Suite struct TemplateRendererTests {
    struct Inner: TemplateObject {
        var text: String
        var note: String?
        func templateFields(into tree: inout TemplateTree) {
            tree.field("text", text)
            tree.field("note", note)
        }
    }
    struct Model: TemplateObject {
        var boolean = true
        var no = false
        var content = "<\n->"
        var number = 42
        var text = "a < b & \"c\" 'd' > e"
        var note: String? = "outer"
        var missing: String? = nil
        var items = [Inner(text: "x", note: nil)]
        var empty: [Inner] = []
        func templateFields(into tree: inout TemplateTree) {
            tree.field("boolean", boolean)
            tree.field("no", no)
            tree.field("content", content)
            tree.field("number", number)
            tree.field("text", text)
            tree.field("note", note)
            tree.field("missing", missing)
            tree.field("items", items)
            tree.field("empty", empty)
        }
    }

    func render(_ templates: [String: String], _ model: some TemplateRepresentable = Model(), template: String = "page") throws -> String {
        let folder = ContentFolder()
        for (name, text) in templates { folder.write("\(name).mustache", text) }
        let library = try TemplateLibrary.load(folder: folder.root, displayPath: "Templates")
        return try library.render(model, template: template)
    }

    func error(_ templates: [String: String], _ model: some TemplateRepresentable = Model()) -> Diagnostic? {
        do { _ = try render(templates, model); return nil } catch { return error as? Diagnostic }
    }

    @Test func standaloneLinesDisappear() throws {
        #expect(try render(["page": "| This Is\n{{#boolean}}\n|\n{{/boolean}}\n| A Line\n"]) == "| This Is\n|\n| A Line\n")
        #expect(try render(["page": "| This Is\n  {{#boolean}}\n|\n  {{/boolean}}\n| A Line\n"]) == "| This Is\n|\n| A Line\n")
        #expect(try render(["page": "| This Is\n{{^no}}\n|\n{{/no}}\n| A Line\n"]) == "| This Is\n|\n| A Line\n")
        #expect(try render(["page": "Begin.\n{{! Comment Block! }}\nEnd.\n"]) == "Begin.\nEnd.\n")
        #expect(try render(["page": " | {{#boolean}}\t|\t{{/boolean}} | \n"]) == " | \t|\t | \n")
        #expect(try render(["page": "#{{#boolean}}\n/\n  {{/boolean}}"]) == "#\n/\n")
    }

    @Test func standalonePartialsAreIndented() throws {
        let templates = ["page": "\\\n {{>partial}}\n/\n", "partial": "|\n{{{content}}}\n|\n"]
        #expect(try render(templates) == "\\\n |\n <\n->\n |\n/\n")
    }

    @Test func parentsAndBlocks() throws {
        let templates = ["layout": "<main>\n{{$main}}default{{/main}}\n</main>\n{{$foot}}<p>foot</p>{{/foot}}\n",
                         "page": "{{<layout}}\n{{$main}}\n<p>{{number}}</p>\n{{/main}}\n{{/layout}}\n"]
        // `{{$main}}{{/main}}` is not standalone, so its line's newline stays after the override (as on the site).
        #expect(try render(templates) == "<main>\n<p>42</p>\n\n</main>\n<p>foot</p>\n")
    }

    @Test func escapingAndValues() throws {
        #expect(try render(["page": "{{text}}|{{{text}}}|{{&text}}"]) == "a &lt; b &amp; &quot;c&quot; &#39;d&#39; &gt; e|a < b & \"c\" 'd' > e|a < b & \"c\" 'd' > e")
        #expect(try render(["page": "{{number}} {{boolean}} {{no}} [{{missing}}]"]) == "42 true false []")
        #expect(try render(["page": "{{#items}}<{{text}}>{{/items}}{{^empty}}none{{/empty}}{{#empty}}x{{/empty}}"]) == "<x>none")
        #expect(try render(["page": "{{#number}}{{.}}{{/number}}"]) == "42")
    }

    @Test func aNilOptionalIsAPresentEmptyKey() throws {
        #expect(try render(["page": "[{{missing}}]{{^missing}}nothing{{/missing}}{{#missing}}x{{/missing}}"]) == "[]nothing")
    }

    @Test func anEmptyInnerKeyShadowingAnOuterOneIsAnError() throws {
        let page = "{{#items}}\n{{note}}\n{{/items}}\n"
        let found = try #require(error(["page": page]))
        #expect(found.id == .ambiguousTemplateKey)
        #expect(found.location == Anslag.SourceLocation(file: "Templates/page.mustache", line: 2, column: 1))
    }

    @Test func sectionsNestDeeperThanTheRendererFirstMakesRoomFor() throws {
        // The renderer's context stack starts with room for 32 sections.
        let open = String(repeating: "{{#items}}", count: 40), close = String(repeating: "{{/items}}", count: 40)
        #expect(try render(["page": open + "{{text}}{{number}}" + close]) == "x42")
        let found = try #require(error(["page": open + "{{note}}" + close]))
        #expect(found.id == .ambiguousTemplateKey)
    }

    @Test func unknownKeysHaveTheirPositionEvenInPartialsAndHiddenContent() throws {
        let inPartial = try #require(error(["page": "{{#items}}{{>row}}{{/items}}", "row": "<td>\n  {{txet}}</td>\n"]))
        #expect(inPartial.id == .unknownTemplateKey)
        #expect(inPartial.location == Anslag.SourceLocation(file: "Templates/row.mustache", line: 2, column: 3))
        #expect(inPartial.notes.contains("did you mean 'text'?"))
        #expect(inPartial.notes.contains { $0.contains("Inner with keys: text, note") })
        // An inverted section that is not shown is still checked.
        let hidden = try #require(error(["page": "{{^boolean}}{{nope}}{{/boolean}}"]))
        #expect(hidden.id == .unknownTemplateKey)
        let dotted = try #require(error(["page": "{{#boolean}}{{items.text}}{{/boolean}}"]))
        #expect(dotted.id == .unknownTemplateKey)
    }

    @Test func syntaxErrorsHaveTheirPosition() throws {
        let unclosed = try #require(error(["page": "a\n{{#boolean}}\n"]))
        #expect(unclosed.id == .templateSyntax)
        #expect(unclosed.location == Anslag.SourceLocation(file: "Templates/page.mustache", line: 2, column: 1))
        let wrong = try #require(error(["page": "{{#boolean}}\n  {{/no}}\n"]))
        #expect(wrong.location == Anslag.SourceLocation(file: "Templates/page.mustache", line: 2, column: 3))
        #expect(wrong.notes.contains { $0.contains("expected '{{/boolean}}'") })
        #expect(error(["page": "{{number"])?.id == .templateSyntax)
        #expect(error(["page": "{{=<% %>=}}"])?.id == .templateSyntax)
        #expect(error(["page": "{{>page}}"])?.message.contains("includes itself") == true)
    }

    @Test func aListIsNotText() throws {
        #expect(error(["page": "{{items}}"])?.id == .templateValue)
    }

    /// A template is held to the content files' size limit: an error at the file, never a trap
    /// in the 32-bit offsets of the laid-out program.
    @Test func aTemplateOverTheSizeLimitIsAnError() throws {
        let big = String(repeating: "a", count: InputLimits.maxFileBytes + 1)
        let tooLarge = try #require(error(["page": big]))
        #expect(tooLarge.id == .fileTooLarge)
        #expect(tooLarge.location.file == "Templates/page.mustache")
        #expect(try render(["page": String(repeating: "a", count: InputLimits.maxFileBytes)]).utf8.count == InputLimits.maxFileBytes)
    }
}
