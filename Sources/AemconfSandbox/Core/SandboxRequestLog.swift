import Foundation

/// A bounded, thread-safe log of served requests (method, path, status, service, time).
///
/// Only what ``SandboxRequestLogEntry`` holds is recorded; bodies, headers and query strings never
/// enter it, so no secret can leak through the admin API's `GET /_sandbox/requests`.
public final class SandboxRequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [SandboxRequestLogEntry] = []
    private var start = 0
    private var nextSequence: UInt64 = 1
    private let capacity: Int

    /// Creates a log keeping the newest `capacity` entries.
    public init(capacity: Int = 10_000) {
        self.capacity = max(1, capacity)
        entries.reserveCapacity(min(self.capacity, 1024))
    }

    /// Appends an entry; its `sequence` is assigned here.
    public func append(
        service: SandboxService,
        method: String,
        path: String,
        status: Int,
        time: Date,
        durationMilliseconds: Double,
        fault: String?,
        paging: String? = nil
    ) {
        lock.lock()
        defer { lock.unlock() }
        let entry = SandboxRequestLogEntry(
            sequence: nextSequence,
            service: service,
            method: method,
            path: path,
            status: status,
            time: time,
            durationMilliseconds: durationMilliseconds,
            fault: fault,
            paging: paging
        )
        nextSequence += 1
        if entries.count < capacity {
            entries.append(entry)
        } else {
            entries[start] = entry
            start = (start + 1) % capacity
        }
    }

    /// The entries, oldest first, optionally only those of `service` and after `sequence`.
    public func entries(service: SandboxService? = nil, after sequence: UInt64 = 0) -> [SandboxRequestLogEntry] {
        lock.lock()
        let ordered = Array(entries[start...] + entries[..<start])
        lock.unlock()
        return ordered.filter { entry in
            entry.sequence > sequence && (service == nil || entry.service == service)
        }
    }

    /// Forgets every entry (sequence numbers keep increasing).
    public func clear() {
        lock.lock()
        defer { lock.unlock() }
        entries.removeAll(keepingCapacity: true)
        start = 0
    }
}
