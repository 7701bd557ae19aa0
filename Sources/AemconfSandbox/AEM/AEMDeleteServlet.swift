import Hummingbird

/// HTTP `DELETE` on a repository path deletes it with its subtree: `204`, `404` when nothing is there, `403` for
/// the root (Adobe's "Using cURL with AEM"; ``SandboxAssumptions/Item/aemHTTPDelete``). Selectors and extension
/// resolve as for a GET (`DELETE /content/a.json` deletes `/content/a`).
enum AEMDeleteServlet {
    private enum Outcome {
        case deleted, missing, root
    }

    static func handle(_ request: AEMRequest, store: SandboxStore) async -> Response {
        let outcome = await store.mutate { state -> Outcome in
            guard let resolved = AEMResourcePath.resolve(request.path, in: state.aem) else { return .missing }
            guard resolved.resourcePath != "/" else { return .root }
            state.aem.removeNode(resolved.resourcePath)
            return .deleted
        }
        switch outcome {
        case .deleted: return Response(status: .noContent)
        case .missing: return AEMResponses.notFound(request.path)
        case .root: return AEMResponses.errorPage(.forbidden, message: "the repository root cannot be deleted")
        }
    }
}
