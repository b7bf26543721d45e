import ArgumentParser
import Anslag

/// Options every subcommand that reads content shares.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "The content folder.")
    var content: String = "Content"

    @Option(name: .long, help: "The templates folder.")
    var templates: String = "Templates"

    @Option(name: .long, help: "Judge deadlines as of this date (YYYY-MM-DD) instead of the date in site.yaml.")
    var asOf: String?

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Flag(help: "Show each step and its time.")
    var verbose = false

    func validate() throws {
        if let asOf, !ISODate.isValid(asOf) {
            throw ValidationError("--as-of must be a date written YYYY-MM-DD, found '\(asOf)'")
        }
    }
}
