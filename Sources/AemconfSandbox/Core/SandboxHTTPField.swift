import HTTPTypes

/// Header names the sandbox adds to its own answers.
enum SandboxHTTPField {
    /// Marks an injected fault on the answer (`error`, `rate-limit`, `latency`), read by the request log.
    static let fault: HTTPField.Name = HTTPField.Name("X-Sandbox-Fault") ?? .server
}
