import AemconfModel
import AemconfState
import ArgumentParser
import Foundation

/// `aemconf state …`: inspect and repair stored state.
struct StateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Inspect and repair stored state.",
        subcommands: [
            StateListCommand.self,
            StateShowCommand.self,
            StateRemoveCommand.self,
            StateHistoryCommand.self,
            StatePullCommand.self,
            StatePushCommand.self,
            StateLockCommand.self,
            StateUnlockCommand.self,
            StateRekeyCommand.self,
            StateNewKeyCommand.self,
        ]
    )
}

/// Runs a state command body: opens the store, closes it, and prints a ``StateError`` as `error: …` with exit 1.
enum StateCommandRunner {
    /// Opens the store (for reading only when `readOnly`: nothing is created), runs `body`, closes the store.
    static func run(
        _ options: StateOptions,
        readOnly: Bool = false,
        _ body: (any StateStore) async throws -> Void
    ) async throws {
        let store: any StateStore
        do {
            store = try await options.openStore(readOnly: readOnly)
        } catch let error as StateError {
            throw report(error)
        }
        do {
            try await body(store)
            try? await store.close()
        } catch let error as StateError {
            try? await store.close()
            throw report(error)
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// Takes the lock for `operation` (waiting up to `--lock-timeout`), runs `body` with the lease (which every
    /// write must present), and releases the lock, also on SIGINT/SIGTERM (then exits with 128 + signal, through
    /// ``InterruptController``).
    static func withLock<T>(
        _ store: any StateStore,
        _ options: StateOptions,
        operation: String,
        _ body: (any StateLease) async throws -> T
    ) async throws -> T {
        let lease = try await store.lock(.current(operation: operation), timeout: options.lockTimeoutDuration)
        let interrupts = InterruptController.shared
        interrupts.install()
        let registration = interrupts.releaseOnFirstSignal(lease)
        defer {
            interrupts.removeCallback(registration)
            interrupts.uninstall()
        }
        do {
            let result = try await body(lease)
            try await lease.release()
            return result
        } catch {
            try? await lease.release()
            throw error
        }
    }

    /// Parses a user-given resource address; a bad one is reported as `error: …` with exit 1.
    static func address(_ text: String) throws -> ResourceAddress {
        guard let address = ResourceAddress(text) else {
            let kinds = ResourceKind.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            Terminal.writeToStandardError(
                "error: '\(text)' is not a resource address; expected '<kind>.<name>' with kind \(kinds), "
                    + "e.g. 'ioIntegrations.target-prod'\n"
            )
            throw ExitCode(1)
        }
        return address
    }

    static func report(_ error: StateError) -> ExitCode {
        Terminal.writeToStandardError("error: \(Terminal.escapingControlCharacters(error.message))\n")
        return ExitCode(1)
    }

    /// Writes JSON (sorted keys, pretty, ISO 8601 dates) followed by a newline.
    static func printJSON<Value: Encodable>(_ value: Value) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        FileHandle.standardOutput.write(try encoder.encode(value))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    static func format(_ date: Date?) -> String {
        date.map(LockInfo.format) ?? "never"
    }
}
