import Foundation

/// What the admin API and the service routes share besides the store: the request log, the fault
/// injector, the state to reset to, and (once bound) the endpoints.
public final class SandboxRuntime: @unchecked Sendable {
    /// The state and clock.
    public let store: SandboxStore
    /// The request log.
    public let requestLog: SandboxRequestLog
    /// The fault injector.
    public let faults: SandboxFaultInjector
    /// The state `POST /_sandbox/reset` goes back to (the seed the sandbox started from).
    public let initialState: SandboxState
    /// The settings `POST /_sandbox/reset` goes back to.
    public let initialSettings: SandboxSettings
    /// Who may use the admin API (a token, or loopback `Host`/`Origin` only).
    public let adminAccess: SandboxAdminAccess
    private let lock = NSLock()
    private var boundEndpoints: SandboxEndpoints?
    private var dataFileWriter: SandboxPersister?

    /// Creates a runtime.
    public init(
        store: SandboxStore,
        requestLog: SandboxRequestLog,
        faults: SandboxFaultInjector,
        initialState: SandboxState,
        initialSettings: SandboxSettings,
        adminAccess: SandboxAdminAccess = .loopback
    ) {
        self.store = store
        self.requestLog = requestLog
        self.faults = faults
        self.initialState = initialState
        self.initialSettings = initialSettings
        self.adminAccess = adminAccess
    }

    /// The base URLs, once every service is listening.
    public var endpoints: SandboxEndpoints? {
        lock.withLock { boundEndpoints }
    }

    func setEndpoints(_ endpoints: SandboxEndpoints) {
        lock.withLock { boundEndpoints = endpoints }
    }

    /// The data-file writer, when the sandbox has a data file (changes are acknowledged once written).
    var persister: SandboxPersister? {
        lock.withLock { dataFileWriter }
    }

    func setPersister(_ persister: SandboxPersister) {
        lock.withLock { dataFileWriter = persister }
    }
}
