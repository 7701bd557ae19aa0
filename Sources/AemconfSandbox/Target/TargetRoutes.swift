import Foundation
import Hummingbird

/// Mounts the Target Admin API emulator on a router: every method under `/{tenant}/target/`, answered by
/// ``TargetAPI/handle(_:store:throttle:)``.
public enum TargetRoutes {
    /// Registers the Target routes on `router`.
    public static func register(on router: Router<SandboxRequestContext>, store: SandboxStore) {
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete] {
            router.on("/:tenant/target/**", method: method) { request, _ in
                try await respond(request, store: store)
            }
        }
    }

    private static func respond(_ request: Request, store: SandboxStore) async throws -> Response {
        let body = try await AdobeResponse.body(of: request)
        let (authorization, apiKey) = AdobeGateway.headers(request.headers)
        let targetRequest = TargetRequest(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query,
            authorization: authorization, apiKey: apiKey, accept: request.headers[.accept],
            contentType: request.headers[.contentType], body: body
        )
        let answer = await TargetAPI.handle(targetRequest, store: store)
        return AdobeResponse.raw(
            answer.body, status: HTTPResponse.Status(code: answer.status),
            contentType: answer.contentType)
    }
}
