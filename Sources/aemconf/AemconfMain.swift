import AemconfCLI

/// The `aemconf` executable: hands the command line to the root command in AemconfCLI.
@main
enum AemconfMain {
    static func main() async {
        await AemconfCommand.main()
    }
}
