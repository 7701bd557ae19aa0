import Foundation
import Hummingbird

/// `POST /libs/cq/analytics/testandtarget/command` (aem.md §5). Placeholder until connect lands.
enum AEMTargetCommand {
    static func handle(_ request: AEMRequest, store: SandboxStore) async -> Response {
        AEMResponses.json(.object([("error", .string("not implemented"))]))
    }
}
