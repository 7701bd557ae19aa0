import Foundation
import Hummingbird

/// One AEM request as the servlets see it: who sent it, the decoded path, and its parameters
/// (body fields first, then query fields, as the servlet API merges them).
struct AEMRequest: Sendable {
    var method: HTTPRequest.Method
    /// Percent-decoded path.
    var path: String
    var parameters: SandboxForm
    var headers: HTTPFields
    var user: AEMUser

    /// Whether the answer should be JSON (`Accept: application/json` or `:http-equiv-accept`).
    var wantsJSON: Bool {
        if let accept = headers[.accept], SandboxText.contains(accept.lowercased(), "application/json") { return true }
        return parameters.value(":http-equiv-accept").map { SandboxText.contains($0.lowercased(), "application/json") }
            == true
    }

    /// Every value of the parameter `name`, in order.
    func values(_ name: String) -> [String] {
        parameters.fields.filter { $0.name == name }.compactMap(\.text)
    }

    /// The first value of `name`.
    func value(_ name: String) -> String? {
        parameters.value(name)
    }
}
