import VestigeCLI

await VestigeCommand.main()
