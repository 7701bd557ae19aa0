import ArgumentParser
import Foundation

/// Prints an error as `aemconf: error: …` and turns it into exit status 1. Errors of every layer describe
/// themselves without secrets (service errors name step, service, method, path, status and remote message).
enum CommandFailure {
    /// Reports `error` and returns the exit code to throw.
    static func report(_ error: any Error) -> any Error {
        if error is ExitCode || error is CleanExit { return error }
        Terminal.writeToStandardError("aemconf: error: \(String(describing: error))\n")
        return ExitCode(1)
    }

    /// Runs `body`, reporting a failure.
    static func reporting<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw report(error)
        }
    }
}
