import AemconfState
import ArgumentParser

/// `aemconf state list`: the resources of a named state.
struct StateListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the resources in state."
    )

    @OptionGroup var state: StateOptions
    @Flag(name: .customLong("json"), help: "Print JSON.") var json = false

    private struct Listing: Encodable {
        struct Entry: Encodable {
            var address: String
            var kind: String
        }

        var workspace: String
        var lineage: String
        var serial: Int64
        var resources: [Entry]
    }

    func run() async throws {
        try await StateCommandRunner.run(state, readOnly: true) { store in
            let snapshot = try await store.read()
            let entries = snapshot.sortedResources.map {
                Listing.Entry(address: $0.address.description, kind: $0.kind.rawValue)
            }
            if json {
                try StateCommandRunner.printJSON(
                    Listing(
                        workspace: snapshot.workspace, lineage: snapshot.lineage, serial: snapshot.serial,
                        resources: entries)
                )
            } else {
                for entry in entries { print(Terminal.escapingControlCharacters(entry.address)) }
            }
        }
    }
}
