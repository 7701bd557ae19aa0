import Foundation

/// One served request as the admin API reports it: never a body, header or query string.
///
/// A POST or PATCH carries ``bodyDigest``, a keyed digest that tells two identical bodies apart from two
/// different ones and nothing else (the key is random per log and never leaves the process).
public struct SandboxRequestLogEntry: Codable, Sendable, Equatable {
    /// Position in the log, starting at 1; keeps increasing when old entries are dropped.
    public var sequence: UInt64
    /// Which service answered.
    public var service: SandboxService
    /// HTTP method, e.g. `POST`.
    public var method: String
    /// Request path without the query string.
    public var path: String
    /// Response status; `0` when the connection was reset or closed without a response.
    public var status: Int
    /// Wall-clock time the request arrived.
    public var time: Date
    /// Time spent answering, in milliseconds.
    public var durationMilliseconds: Double
    /// The injected fault, if any (`error`, `rate-limit`, `reset`, `close`, `crash`, `latency`).
    public var fault: String?
    /// For Target's audience list only: its `offset`, `limit` and `sortBy` (`offset=0&limit=100&sortBy=-modifiedAt`),
    /// so a test can see where a sync read; no other query value is ever kept.
    public var paging: String?
    /// For a POST or PATCH with a body: the first 16 hex digits of HMAC-SHA-256 of the body under the log's
    /// random key, so a re-sent request shows as the same digest (`aemconf-bench chaos` audits blind re-sends).
    public var bodyDigest: String?

    /// Creates an entry.
    public init(
        sequence: UInt64,
        service: SandboxService,
        method: String,
        path: String,
        status: Int,
        time: Date,
        durationMilliseconds: Double,
        fault: String? = nil,
        bodyDigest: String? = nil,
        paging: String? = nil
    ) {
        self.sequence = sequence
        self.service = service
        self.method = method
        self.path = path
        self.status = status
        self.time = time
        self.durationMilliseconds = durationMilliseconds
        self.fault = fault
        self.bodyDigest = bodyDigest
        self.paging = paging
    }
}
