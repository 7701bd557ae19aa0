import Foundation
import Hummingbird

/// The outcome of a Sling POST operation and its rendering as Sling's HTML or JSON response
/// (aem.md §0.3: `status.code`, `status.message`, `title`, `path`, `location`, `parentLocation`,
/// `referer`, `isCreate`, `changes[]`, `error`).
struct AEMPostResult {
    /// One entry of `changes[]`.
    struct Change {
        var type: String
        var arguments: [String]
    }

    var status: Int
    var path: String
    var isCreate = false
    var changes: [Change] = []
    var errorMessage: String?
    var errorClass = "javax.jcr.RepositoryException"

    static func failure(
        _ status: Int, path: String, _ message: String, errorClass: String = "javax.jcr.RepositoryException"
    ) -> AEMPostResult {
        AEMPostResult(status: status, path: path, errorMessage: message, errorClass: errorClass)
    }

    var title: String {
        if errorMessage != nil { return "Error while processing \(path)" }
        return isCreate ? "Content created \(path)" : "Content modified \(path)"
    }

    var statusMessage: String {
        errorMessage ?? (HTTPResponse.Status(code: status).reasonPhrase)
    }

    /// Renders the response for `request` (JSON if asked; `:status=browser` forces 200; `:redirect` on success).
    func response(for request: AEMRequest) -> Response {
        let succeeded = errorMessage == nil && status < 300
        if succeeded, let redirect = request.value(":redirect"), !redirect.isEmpty {
            return Response(status: .found, headers: [.location: redirect.replacingOccurrences(of: "*", with: path)])
        }
        let httpStatus = request.value(":status") == "browser" ? 200 : status
        var response: Response
        if request.wantsJSON {
            response = AEMResponses.json(json(request), status: HTTPResponse.Status(code: httpStatus))
        } else {
            response = AEMResponses.text(
                html(request), status: HTTPResponse.Status(code: httpStatus), contentType: "text/html;charset=utf-8")
        }
        if succeeded, status == 201 {
            response.headers[.location] = path
        }
        return response
    }

    private func json(_ request: AEMRequest) -> AEMJSONWriter.Value {
        var members: [(String, AEMJSONWriter.Value)] = [
            (
                "changes",
                .array(
                    errorMessage != nil
                        ? []
                        : changes.map { change in
                            .object([
                                ("type", .string(change.type)),
                                (
                                    "argument",
                                    change.arguments.count == 1
                                        ? .string(change.arguments[0]) : .array(change.arguments.map { .string($0) })
                                ),
                            ])
                        })
            ),
            ("path", .string(path)),
            ("location", .string(path)),
            ("parentLocation", .string(AEMPath.parent(of: path))),
            ("status.code", .integer(Int64(status))),
            ("status.message", .string(statusMessage)),
            ("title", .string(title)),
            ("referer", .string(request.headers[.referer] ?? "")),
            ("isCreate", .bool(isCreate)),
        ]
        if let errorMessage {
            members.append(("error", .object([("class", .string(errorClass)), ("message", .string(errorMessage))])))
        }
        return .object(members)
    }

    private func html(_ request: AEMRequest) -> String {
        let escape = AEMResponses.escape
        let changeLog = changes.map { "\($0.type)(\"\($0.arguments.joined(separator: "\", \""))\");" }.joined(
            separator: "<br/>")
        return """
            <html><head><title>\(escape(title))</title></head><body><h1>\(escape(title))</h1><table><tbody>\
            <tr><td>Status</td><td><div id="Status">\(status)</div></td></tr>\
            <tr><td>Message</td><td><div id="Message">\(escape(statusMessage))</div></td></tr>\
            <tr><td>Location</td><td><a href="\(escape(path))" id="Location">\(escape(path))</a></td></tr>\
            <tr><td>Parent Location</td><td><a href="\(escape(AEMPath.parent(of: path)))" id="ParentLocation">\(escape(AEMPath.parent(of: path)))</a></td></tr>\
            <tr><td>Path</td><td><div id="Path">\(escape(path))</div></td></tr>\
            <tr><td>Referer</td><td><a href="" id="Referer"></a></td></tr>\
            <tr><td>ChangeLog</td><td><div id="ChangeLog">\(escape(changeLog))</div></td></tr>\
            </tbody></table></body></html>
            """
    }
}
