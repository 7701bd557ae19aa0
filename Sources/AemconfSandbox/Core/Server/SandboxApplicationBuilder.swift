import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Builds the server of one service: request log and fault middleware, the admin
/// API, and the service's own routes.
public enum SandboxApplicationBuilder {
    /// The router of `service` (exposed so tests can drive it without a socket).
    public static func router(for service: SandboxService, runtime: SandboxRuntime) -> Router<SandboxRequestContext> {
        let router = Router(context: SandboxRequestContext.self)
        router.add(middleware: SandboxRequestLogMiddleware(service: service, log: runtime.requestLog))
        router.add(middleware: SandboxAdminGuardMiddleware(access: runtime.adminAccess))
        router.add(middleware: SandboxFaultMiddleware(service: service, injector: runtime.faults))
        router.add(middleware: SandboxDurabilityMiddleware(runtime: runtime))
        SandboxAdminRoutes.register(on: router, runtime: runtime)
        switch service {
        case .aem:
            AEMRoutes.register(on: router, store: runtime.store)
        case .ims:
            IMSRoutes.register(on: router, store: runtime.store)
        case .console:
            ConsoleRoutes.register(on: router, store: runtime.store)
        case .target:
            TargetRoutes.register(on: router, store: runtime.store)
        }
        return router
    }

    /// The server of `service` on `host:port`; `onServerRunning` gets the bound port.
    static func build(
        service: SandboxService,
        host: String,
        port: Int,
        runtime: SandboxRuntime,
        logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void
    ) -> any Service {
        SandboxHTTPServer(
            host: host, port: port, responder: router(for: service, runtime: runtime).buildResponder(), logger: logger,
            onServerRunning: onServerRunning
        )
    }
}
