import Dispatch
import Foundation
import Synchronization

/// SIGINT/SIGTERM for long runs: the first drains (running steps finish and commit, no new one starts,
/// the lock is released), a second stops at once.
final class Interrupts: Sendable {
    static let shared = Interrupts()

    private let draining = Atomic<Bool>(false)
    private let sources = Mutex<[any DispatchSourceSignal]>([])

    /// Whether a first signal arrived.
    var isDraining: Bool { draining.load(ordering: .acquiring) }

    /// Installs the handlers (once).
    func install() {
        sources.withLock { sources in
            guard sources.isEmpty else { return }
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { [self] in self.received(number) }
                source.resume()
                sources.append(source)
            }
        }
    }

    private func received(_ number: Int32) {
        if draining.exchange(true, ordering: .acquiringAndReleasing) {
            Terminal.writeToStandardError(
                "aemconf: second interrupt: stopping now; steps in flight may be half done and are resolved by the next run "
                    + "(a SQLite lock expires by itself, a PostgreSQL lock is released on disconnect)\n"
            )
            exit(128 + number)
        }
        Terminal.writeToStandardError(
            "aemconf: interrupt: finishing the steps in flight, starting no new ones (interrupt again to stop at once)\n"
        )
    }
}
