import AemconfModel
import AemconfState
import ArgumentParser

/// `aemconf state show ADDRESS [--serial N]`: one resource, now or as of a serial.
struct StateShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one resource in state; secret values print as '(sensitive)'."
    )

    @OptionGroup var state: StateOptions
    @Argument(help: "The resource address, e.g. 'ioIntegrations.target-prod'.") var address: String
    @Option(name: .customLong("serial"), help: "Show the version as of this serial (see 'aemconf state history').")
    var serial: Int64?
    @Flag(name: .customLong("json"), help: "Print JSON.") var json = false

    func run() async throws {
        let address = try StateCommandRunner.address(self.address)
        try await StateCommandRunner.run(state, readOnly: true) { store in
            let view: StateResourceView
            if let serial {
                view = try StateResourceView(try await store.resource(address, atSerial: serial), serial: serial)
            } else {
                let snapshot = try await store.read()
                guard let record = snapshot[address] else {
                    throw StateError.resourceNotFound(address, workspace: snapshot.workspace)
                }
                view = try StateResourceView(record, serial: snapshot.serial)
            }
            if json {
                try StateCommandRunner.printJSON(view)
            } else {
                print(Terminal.escapingControlCharacters(try view.rendered(), keepingNewlines: true))
            }
        }
    }
}
