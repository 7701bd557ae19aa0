import Hummingbird

/// Mounts the AEM 6.5 author emulator (aem.md) on a router.
public enum AEMRoutes {
    /// Registers every AEM path: one catch-all per method, dispatched by ``AEMResponder``.
    public static func register(on router: Router<SandboxRequestContext>, store: SandboxStore) {
        let responder = AEMResponder(store: store)
        for method in [HTTPRequest.Method.get, .head, .post, .put, .delete] {
            router.on("/", method: method) { request, context in
                try await responder.respond(to: request, context: context)
            }
            router.on("**", method: method) { request, context in
                try await responder.respond(to: request, context: context)
            }
        }
    }
}
