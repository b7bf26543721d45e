import ArgumentParser

/// `anslag completion bash|zsh|fish`: prints the shell completion script.
struct Completion: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completion",
        abstract: "Print a shell completion script.",
        discussion: "bash: anslag completion bash > /etc/bash_completion.d/anslag; zsh: anslag completion zsh > \"${fpath[1]}/_anslag\"; fish: anslag completion fish > ~/.config/fish/completions/anslag.fish")

    @Argument(help: "The shell: bash, zsh or fish.")
    var shell: String

    func validate() throws {
        guard CompletionShell(rawValue: shell) != nil else {
            throw ValidationError("the shell must be bash, zsh or fish, found '\(shell)'")
        }
    }

    func run() throws {
        print(AnslagCommand.completionScript(for: CompletionShell(rawValue: shell)!))
    }
}
