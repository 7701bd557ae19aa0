import AemconfProviders
import Foundation

/// A transport that answers from a closure and records every request it was given.
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var log: [TransportRequest] = []
    private let respond: @Sendable (TransportRequest, Int) throws -> ServiceResponse

    /// `respond` gets the request and the 0-based index of the call.
    init(_ respond: @escaping @Sendable (TransportRequest, Int) throws -> ServiceResponse) {
        self.respond = respond
    }

    func execute(_ request: TransportRequest) async throws -> ServiceResponse {
        let index = lock.withLock {
            log.append(request)
            return log.count - 1
        }
        return try respond(request, index)
    }

    var requests: [TransportRequest] { lock.withLock { log } }

    static func json(_ status: Int, _ body: String, headers: [(String, String)] = []) -> ServiceResponse {
        var all = HeaderFields()
        all.add(name: "Content-Type", value: "application/json")
        for (name, value) in headers { all.add(name: name, value: value) }
        return ServiceResponse(status: status, headers: all, body: Array(body.utf8))
    }
}
