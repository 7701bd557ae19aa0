import AemconfCLI

await AemconfCommand.main()
