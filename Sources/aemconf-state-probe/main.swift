// aemconf-state-probe: a helper process for the state tests (lock exclusion between processes, kill -9 of a
// lock holder or of a process in the middle of a burst of commits). Not shipped.
//
//   aemconf-state-probe hold-lock LOCATION WORKSPACE      prints "locked ID", holds until killed
//   aemconf-state-probe commit-burst LOCATION WORKSPACE N takes the lock, then prints "committed SERIAL ADDRESS"
//                                                          after each commit
import AemconfCLI
import AemconfModel
import AemconfState
import AemconfStatePostgres
import AemconfStateSQLite
import Foundation

func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func openStore(_ location: String, workspace: String) async throws -> any StateStore {
    switch try StateLocation(parsing: location) {
    case .sqlite(let path):
        return try SQLiteStateStore(
            path: path,
            workspace: workspace,
            configuration: .init(heartbeatInterval: .seconds(1))
        )
    case .postgres(let url):
        return try await PostgresStateStore.connect(url: url, workspace: workspace)
    }
}

let arguments = CommandLine.arguments
guard arguments.count >= 4 else {
    FileHandle.standardError.write(
        Data("usage: aemconf-state-probe hold-lock|commit-burst LOCATION WORKSPACE [N]\n".utf8))
    exit(64)
}

do {
    let store = try await openStore(arguments[2], workspace: arguments[3])
    switch arguments[1] {
    case "hold-lock":
        let lease = try await store.tryLock(.current(operation: "probe"))
        // The CLI's controller: the first SIGINT/SIGTERM releases the lease and exits with 128 + signal.
        InterruptController.shared.install()
        _ = InterruptController.shared.releaseOnFirstSignal(lease)
        say("locked \(lease.info.id)")
        while true {
            try await Task.sleep(for: .seconds(3600))
        }
    case "commit-burst":
        let count = arguments.count > 4 ? Int(arguments[4]) ?? 1000 : 1000
        let lease = try await store.tryLock(.current(operation: "probe burst"))
        var serial = try await store.load().serial
        for index in 0..<count {
            let address = ResourceAddress(kind: .targetCloudService, name: "burst-r\(index)")
            let record = ResourceRecord(
                address: address,
                attributes: try JSONDocument(encoding: ["index": index]),
                remoteIDs: ["id": "remote-\(index)"]
            )
            serial = try await store.commit(
                .put(record),
                expectingSerial: serial,
                lease: lease,
                context: CommitContext(author: "probe@test", command: "burst")
            )
            say("committed \(serial) \(address)")
        }
        try await lease.release()
        say("done")
    default:
        FileHandle.standardError.write(Data("unknown probe command '\(arguments[1])'\n".utf8))
        exit(64)
    }
} catch {
    FileHandle.standardError.write(Data("probe: \(error)\n".utf8))
    exit(1)
}
