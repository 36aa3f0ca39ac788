import VestigeCLI

await VestigeCommand.runFromCommandLine()
