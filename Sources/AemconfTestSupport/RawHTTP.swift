import Foundation

/// A minimal HTTP/1.1 client on a blocking ``LoopbackConnection``: send one request, read until the server
/// closes, parse. Used by ``SandboxHarness`` so tests see exactly what the sandbox answered.
enum RawHTTP {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func exchange(port: UInt16, request: Data) async throws -> Data {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    continuation.resume(returning: try exchangeBlocking(port: port, request: request))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    private static func exchangeBlocking(port: UInt16, request: Data) throws -> Data {
        let connection = try LoopbackConnection(port: port)
        try connection.send(request)
        let response = try connection.receiveUntilClosed()
        guard !response.isEmpty else { throw Failure(description: "connection closed without an answer") }
        return Data(response)
    }

    static func parse(_ raw: Data) throws -> SandboxHarness.Response {
        let bytes = [UInt8](raw)
        guard let end = find(bytes, [13, 10, 13, 10]) else { throw Failure(description: "no header end") }
        let head = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(head.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        var body = Data(bytes[(end + 4)...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            body = dechunk(body)
        } else if let length = headers["content-length"].flatMap(Int.init), length < body.count {
            body = body.prefix(length)
        }
        return SandboxHarness.Response(status: status, headers: headers, body: body)
    }

    /// Every answer in `raw`, one after the other; each must carry a `Content-Length`.
    static func parseAll(_ raw: Data) throws -> [SandboxHarness.Response] {
        var rest = [UInt8](raw)
        var answers: [SandboxHarness.Response] = []
        while !rest.isEmpty {
            guard let end = find(rest, [13, 10, 13, 10]) else { throw Failure(description: "no header end") }
            let answer = try parse(Data(rest))
            guard let length = answer.headers["content-length"].flatMap(Int.init), rest.count >= end + 4 + length
            else { throw Failure(description: "an answer without a complete Content-Length body") }
            answers.append(answer)
            rest.removeFirst(end + 4 + length)
        }
        return answers
    }

    private static func dechunk(_ data: Data) -> Data {
        var bytes = [UInt8](data)
        var result = Data()
        while let lineEnd = find(bytes, [13, 10]) {
            let sizeText = String(decoding: bytes[..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size > 0,
                bytes.count >= lineEnd + 2 + size
            else { break }
            result.append(contentsOf: bytes[(lineEnd + 2)..<(lineEnd + 2 + size)])
            bytes.removeFirst(min(bytes.count, lineEnd + 2 + size + 2))
        }
        return result
    }

    private static func find(_ haystack: [UInt8], _ needle: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count) where haystack[index] == needle[0] {
            if Array(haystack[index..<index + needle.count]) == needle { return index }
        }
        return nil
    }
}
