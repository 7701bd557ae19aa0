/// The Target Admin API slice of the sandbox state: tenants with their workspaces and audiences (target.md).
///
/// Throttling counters are run-time only (``TargetThrottle``); whether throttling is on and its limit are
/// ``SandboxSettings/targetThrottling`` and ``SandboxSettings/targetCallsPerMinute``.
public struct TargetState: Codable, Sendable {
    /// Tenants by tenant id (the `{tenant}` path segment).
    public var tenants: [String: TargetTenant]

    /// Creates the slice.
    public init(tenants: [String: TargetTenant] = [:]) {
        self.tenants = tenants
    }
}
