import ArgumentParser

/// The `anslag` command and its subcommands.
public struct AnslagCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "anslag",
        abstract: "Computes and publishes the state's healthcare funding agreements with SKR.",
        subcommands: [Check.self, Build.self, Clean.self, New.self, Serve.self],
        defaultSubcommand: Build.self)

    public init() {}
}


/// Thrown after diagnostics have been printed, to exit non-zero without more output.
struct FailedWithDiagnostics: Error, CustomStringConvertible {
    var description: String { "" }
}
