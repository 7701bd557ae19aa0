import Foundation

/// Who asks for a lock and why; the store adds the id and time.
public struct LockRequest: Sendable, Hashable, Codable {
    /// The operation, e.g. `apply`, `plan`, `state rekey`.
    public var operation: String
    /// The user name.
    public var user: String
    /// The host name.
    public var host: String
    /// The process id.
    public var pid: Int32
    /// The CI run (URL or id) when running in CI.
    public var ciRun: String?

    /// Creates a request.
    public init(operation: String, user: String, host: String, pid: Int32, ciRun: String? = nil) {
        self.operation = operation
        self.user = user
        self.host = host
        self.pid = pid
        self.ciRun = ciRun
    }

    /// The current process: user, host, pid, and the CI run from `CI_JOB_URL`, `GITHUB_RUN_ID`, … when present.
    public static func current(
        operation: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> LockRequest {
        let user = environment["USER"] ?? environment["LOGNAME"] ?? "unknown"
        return LockRequest(
            operation: operation,
            user: user,
            host: ProcessInfo.processInfo.hostName,
            pid: ProcessInfo.processInfo.processIdentifier,
            ciRun: ciRun(environment)
        )
    }

    /// The CI run named by common CI variables, if any.
    static func ciRun(_ environment: [String: String]) -> String? {
        if let url = environment["CI_JOB_URL"], !url.isEmpty { return url }
        if let id = environment["GITHUB_RUN_ID"], !id.isEmpty {
            if let server = environment["GITHUB_SERVER_URL"], let repository = environment["GITHUB_REPOSITORY"] {
                return "\(server)/\(repository)/actions/runs/\(id)"
            }
            return "github run \(id)"
        }
        for name in ["BUILD_URL", "CIRCLE_BUILD_URL", "BUILDKITE_BUILD_URL"] {
            if let value = environment[name], !value.isEmpty { return value }
        }
        return nil
    }
}
