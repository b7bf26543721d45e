import AnslagCLI

AnslagCommand.main(arguments: Array(CommandLine.arguments.dropFirst()))
