import Foundation
import Hummingbird

/// `POST /bin/wcmcommand` with `cmd=createPage` / `cmd=deletePage` (aem.md §0.5, §4.1).
enum AEMWCMCommand {
    static func handle(_ request: AEMRequest, store: SandboxStore) async -> Response {
        let now = await store.now()
        let result = await store.mutate { state in
            execute(request, aem: &state.aem, now: now)
        }
        return respond(result)
    }

    struct Result {
        var status: Int
        var message: String
        var path: String
    }

    static func execute(_ request: AEMRequest, aem: inout AEMState, now: Date) -> Result {
        switch request.value("cmd") ?? "" {
        case "createPage":
            return createPage(request, aem: &aem, now: now)
        case "deletePage":
            return deletePage(request, aem: &aem)
        case "":
            return Result(status: 400, message: "missing 'cmd' parameter", path: "")
        case let other:
            return Result(status: 400, message: "unknown command '\(other)'", path: "")
        }
    }

    private static func createPage(_ request: AEMRequest, aem: inout AEMState, now: Date) -> Result {
        guard let parentPath = request.value("parentPath"), !parentPath.isEmpty else {
            return Result(status: 400, message: "missing 'parentPath' parameter", path: "")
        }
        let parent = AEMPath.normalize(parentPath)
        guard aem.exists(parent) else {
            return Result(status: 404, message: "parent '\(parent)' does not exist", path: parent)
        }
        let title = request.value("title") ?? ""
        var label = request.value("label") ?? ""
        if label.isEmpty {
            label = String(
                title.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }
            )
        }
        guard !label.isEmpty else {
            return Result(status: 400, message: "missing 'label' or 'title' parameter", path: parent)
        }
        let pagePath = AEMPath.join(parent, label)
        guard !aem.exists(pagePath) else {
            return Result(status: 409, message: "page '\(pagePath)' already exists", path: pagePath)
        }
        var resourceType: String?
        if let template = request.value("template"), !template.isEmpty {
            guard aem.exists(template) else {
                return Result(status: 404, message: "template '\(template)' does not exist", path: pagePath)
            }
            resourceType =
                aem.node(at: AEMPath.join(template, "jcr:content"))?.properties["sling:resourceType"]?.stringValue
        }
        aem.ensureNode(pagePath, primaryType: "cq:Page")
        let content = AEMPath.join(pagePath, "jcr:content")
        aem.ensureNode(content, primaryType: "cq:PageContent")
        if !title.isEmpty { aem.setProperty("jcr:title", .string(title), at: content) }
        if let template = request.value("template"), !template.isEmpty {
            aem.setProperty("cq:template", .string(template), at: content)
        }
        if let resourceType { aem.setProperty("sling:resourceType", .string(resourceType), at: content) }
        aem.setProperty("jcr:created", .date(AEMDateFormat.iso(now)), at: pagePath)
        aem.setProperty("jcr:createdBy", .string(request.user.id), at: pagePath)
        aem.setProperty("cq:lastModified", .date(AEMDateFormat.iso(now)), at: content)
        aem.setProperty("cq:lastModifiedBy", .string(request.user.id), at: content)
        return Result(status: 200, message: "Page created", path: pagePath)
    }

    private static func deletePage(_ request: AEMRequest, aem: inout AEMState) -> Result {
        let paths = request.values("path").filter { !$0.isEmpty }
        guard !paths.isEmpty else {
            return Result(status: 400, message: "missing 'path' parameter", path: "")
        }
        for path in paths where aem.node(at: path)?.primaryType != "cq:Page" {
            return Result(
                status: 404, message: "page '\(AEMPath.normalize(path))' does not exist", path: AEMPath.normalize(path))
        }
        let shallow = request.value("shallow") == "true"
        for path in paths {
            if shallow {
                aem.removeNode(AEMPath.join(path, "jcr:content"))
            } else {
                aem.removeNode(path)
            }
        }
        return Result(status: 200, message: "Page deleted", path: AEMPath.normalize(paths[0]))
    }

    /// WCM's HTML status answer (the `HtmlStatusResponseHelper` page).
    private static func respond(_ result: Result) -> Response {
        let escape = AEMResponses.escape
        let body = """
            <html><head><title>\(escape(result.message))</title></head><body><h1>\(escape(result.message))</h1><table>\
            <tr><td>Status</td><td><div id="Status">\(result.status)</div></td></tr>\
            <tr><td>Message</td><td><div id="Message">\(escape(result.message))</div></td></tr>\
            <tr><td>Location</td><td><a href="\(escape(result.path))" id="Location">\(escape(result.path))</a></td></tr>\
            <tr><td>Path</td><td><div id="Path">\(escape(result.path))</div></td></tr>\
            </table></body></html>
            """
        return AEMResponses.text(
            body, status: HTTPResponse.Status(code: result.status), contentType: "text/html;charset=utf-8")
    }
}
