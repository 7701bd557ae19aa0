import Hummingbird

/// Acknowledges a change only once it is in the data file, as a real service acknowledges only durable
/// writes: after the handler ran and before the response leaves, the store's state is written when the
/// request changed it (``SandboxPersister/makeDurable()``; concurrent requests share one write). Without it a
/// sandbox killed with `kill -9` lost up to the debounce delay of acknowledged writes, and the client's state
/// then recorded objects (a client secret, an OSGi property) the restarted sandbox no longer had.
///
/// A failed write answers 500 instead of the handler's response: the client must not take the change as made.
struct SandboxDurabilityMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext

    let runtime: SandboxRuntime

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let response = try await next(request, context)
        guard let persister = runtime.persister else { return response }
        do {
            try await persister.makeDurable()
        } catch {
            return Response(
                status: .internalServerError,
                headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: .init(string: "sandbox: the change could not be written to its data file\n"))
            )
        }
        return response
    }
}
