import Crypto
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
    /// HMAC-SHA-256 keyed with a random key, its key schedule done once: each digest continues a copy.
    private let digestMAC = HMAC<SHA256>(key: SymmetricKey(size: .bits256))

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
        bodyDigest: String? = nil,
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
            bodyDigest: bodyDigest,
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

    /// The digest recorded for a request body: HMAC-SHA-256 under this log's random key, first 8 bytes in hex.
    /// Equal bodies give equal digests; nothing about a body (a client secret in a form) can be read back.
    public func digest(body: some Sequence<UInt8>) -> String {
        var mac = digestMAC
        if body.withContiguousStorageIfAvailable({ mac.update(data: UnsafeRawBufferPointer($0)) }) == nil {
            mac.update(data: Array(body))
        }
        return SandboxHex.lowercase(mac.finalize().prefix(8))
    }

    /// Forgets every entry (sequence numbers keep increasing).
    public func clear() {
        lock.lock()
        defer { lock.unlock() }
        entries.removeAll(keepingCapacity: true)
        start = 0
    }
}
