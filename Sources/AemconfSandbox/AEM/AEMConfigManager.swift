import Foundation
import Hummingbird

/// Felix `configMgr` (aem.md §2.3). Placeholder.
enum AEMConfigManager {
    static func handle(_ request: AEMRequest, store: SandboxStore) async -> Response {
        AEMResponses.notFound(request.path)
    }
}
