import AnslagCLI

AnslagCommand.main()
