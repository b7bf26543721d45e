/// How serious a diagnostic is.
public enum Severity: String, Sendable, Comparable {
    case note, warning, error

    private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A problem (or a remark) about the content, with where it is. Printed only by the CLI.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public var severity: Severity
    /// What kind of problem this is: one member of the catalogue, e.g. `.unknownRegion`.
    public var id: DiagnosticID
    public var location: SourceLocation
    public var message: String
    /// Further lines: what was expected, a suggested fix.
    public var notes: [String]

    /// A diagnostic of any severity.
    public init(_ severity: Severity, _ id: DiagnosticID, at location: SourceLocation, _ message: String, notes: [String] = []) {
        self.severity = severity
        self.id = id
        self.location = location
        self.message = message
        self.notes = notes
    }

    /// An error: the build stops at the end of the step that found it.
    public static func error(_ id: DiagnosticID, at location: SourceLocation, _ message: String, notes: [String] = []) -> Diagnostic {
        Diagnostic(.error, id, at: location, message, notes: notes)
    }

    /// `file:line:column: severity: message`, the form compilers use.
    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// Diagnostics collected while loading or computing; errors stop the build at the end of a step.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init() {}

    public mutating func append(_ diagnostic: Diagnostic) { all.append(diagnostic) }
    public mutating func append(contentsOf other: [Diagnostic]) { all.append(contentsOf: other) }

    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// Runs `body`, recording a thrown diagnostic instead of propagating it.
    public mutating func capture<T>(_ body: () throws -> T) -> T? {
        do { return try body() } catch let diagnostic as Diagnostic {
            append(diagnostic)
            return nil
        } catch let failure as DiagnosticList {
            append(contentsOf: failure.diagnostics)
            return nil
        } catch {
            append(.error(.internal, at: .file("?"), "\(error)"))
            return nil
        }
    }

    /// Names `step` in every internal error not named yet, so an unexpected failure caught deep
    /// inside a step (by `capture`, the allocator, the reconciler) still says which step it was.
    mutating func nameStep(_ step: String) {
        for index in all.indices where all[index].id == .internal && !all[index].message.hasPrefix(Self.stepPrefix) {
            all[index].message = "\(Self.stepPrefix)\(step) step: \(all[index].message)"
        }
    }

    /// How an internal error's message begins once its step is named.
    static let stepPrefix = "internal error in the "

    /// In file, line and column order, so output is deterministic.
    public var sorted: [Diagnostic] {
        all.enumerated().sorted { a, b in
            a.element.location != b.element.location ? a.element.location < b.element.location : a.offset < b.offset
        }.map(\.element)
    }
}

/// Several diagnostics thrown together, when a step fails with more than one error.
public struct DiagnosticList: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
