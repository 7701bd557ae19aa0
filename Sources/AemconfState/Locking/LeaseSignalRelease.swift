import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Releases a held lease when the process receives SIGINT or SIGTERM, then exits with 128 + signal.
///
/// Keep the value alive while the lease is held; ``cancel()`` restores the default handlers.
public final class LeaseSignalRelease: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]
    private let signals: [Int32]

    /// Installs handlers for SIGINT and SIGTERM that release `lease`.
    public init(lease: any StateLease, signals: [Int32] = [SIGINT, SIGTERM]) {
        self.signals = signals
        var sources: [any DispatchSourceSignal] = []
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                Task {
                    try? await lease.release()
                    FileHandle.standardError.write(
                        Data("aemconf: received signal \(number); released lock '\(lease.info.id)'\n".utf8)
                    )
                    exit(128 + number)
                }
            }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    /// Removes the handlers.
    public func cancel() {
        for source in sources { source.cancel() }
        for number in signals { signal(number, SIG_DFL) }
    }
}
