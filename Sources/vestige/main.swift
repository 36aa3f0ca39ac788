import VestigeCLI

VestigeCommand.main()
