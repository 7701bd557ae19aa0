import Foundation
import Hummingbird

/// Answers every AEM request: authentication, CSRF, then the servlet the path selects.
struct AEMResponder: Sendable {
    let store: SandboxStore

    func respond(to request: Request, context: SandboxRequestContext) async throws -> Response {
        Response(status: .notFound)
    }
}
