import AemconfProviders
import Foundation

/// A clock whose `sleep` advances virtual time at once and records every wait.
final class VirtualClock: ServiceClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private var waits: [Duration] = []

    init(start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = start
    }

    func now() -> Date { lock.withLock { current } }

    func sleep(for duration: Duration) async throws {
        lock.withLock {
            waits.append(duration)
            current = current.addingTimeInterval(Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
        }
    }

    func advance(by seconds: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }

    var sleeps: [Duration] { lock.withLock { waits } }
}
