import ArgumentParser
import Anslag
import Foundation

/// The `anslag` command and its subcommands.
public struct AnslagCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "anslag",
        abstract: "Computes and publishes the state's healthcare funding agreements with SKR.",
        version: AnslagVersion.current,
        subcommands: [Check.self, Build.self, Clean.self, New.self, Serve.self, Completion.self, PreviewWorkerCommand.self],
        defaultSubcommand: Build.self)

    public init() {}

    /// The entry point: `anslag version` prints the version and a misspelt subcommand gets a
    /// suggestion, instead of being read as an argument of the default `build`.
    public static func main(arguments: [String]) {
        if let (text, code) = answerBeforeParsing(arguments) {
            if code == 0 { print(text) } else { FileHandle.standardError.write(Data((text + "\n").utf8)) }
            Foundation.exit(code)
        }
        main(arguments)
    }

    /// What to print, and the exit status, for a first word that is not a subcommand; nil to parse as usual.
    static func answerBeforeParsing(_ arguments: [String]) -> (text: String, code: Int32)? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        if first == "version" { return (AnslagVersion.current, 0) }
        guard !configuration.subcommands.contains(where: { $0._commandName == first }), first != "help" else { return nil }
        let names = configuration.subcommands.filter { $0.configuration.shouldDisplay }.map { $0._commandName }
        var message = "error: unknown command '\(first)'"
        if let best = Suggestion.closest(to: first, in: names) { message += "; did you mean '\(best)'?" }
        message += "\n  commands: \(names.joined(separator: ", ")); see 'anslag --help'"
        return (message, ExitCode.validationFailure.rawValue)
    }
}

/// Thrown after diagnostics have been printed, to exit non-zero without more output.
struct FailedWithDiagnostics: Error, CustomStringConvertible {
    var description: String { "" }
}
