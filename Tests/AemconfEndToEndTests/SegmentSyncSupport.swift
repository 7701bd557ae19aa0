import AemconfTestSupport
import Foundation
import Testing

/// Segment-sync helpers over ``EndToEndSandbox``: seed and edit Target audiences through the admin API, read the
/// segment pages back from the sandbox's AEM, and write a hand-authored segment the way an author would.
extension EndToEndSandbox {
    /// The default segment folder of the quick start's cloud service.
    static let segmentRoot = "/etc/segmentation/aemconf/wknd-target"

    /// Adds `count` audiences named `<prefix> <id>`; returns their first and last id.
    @discardableResult
    func seedAudiences(_ count: Int, prefix: String = "Seeded audience", workspace: String? = nil) async throws -> (
        Int64, Int64
    ) {
        var body: [String: Any] = ["tenant": "wknd", "count": count, "prefix": prefix]
        body["workspace"] = workspace
        let text = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        let response = try await admin("POST", "target/audiences", json: text)
        #expect(response.status == 200, "\(response.text)")
        let object = try #require(response.jsonObject)
        return (
            try #require((object["firstId"] as? NSNumber)?.int64Value),
            try #require((object["lastId"] as? NSNumber)?.int64Value)
        )
    }

    /// Edits (or deletes) one audience: `{"name"?, "description"?, "workspace"?, "delete"?}`.
    func editAudience(_ id: Int64, _ fields: [String: Any]) async throws {
        var body = fields
        body["tenant"] = "wknd"
        body["id"] = id
        let text = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        let response = try await admin("POST", "target/audiences/touch", json: text)
        #expect(response.status == 200 && response.jsonObject?["touched"] as? Int == 1, "\(response.text)")
    }

    /// Every segment page under `root`: page path → its `jcr:content` properties (from the state dump).
    func segmentPages(root: String = EndToEndSandbox.segmentRoot) async throws -> [String: [String: Any]] {
        let dump = try await dump()
        let nodes = (dump["aem"] as? [String: Any])?["nodes"] as? [String: Any] ?? [:]
        var pages: [String: [String: Any]] = [:]
        for (path, node) in nodes where path.hasPrefix(root + "/") && path.hasSuffix("/jcr:content") {
            let page = String(path.dropLast("/jcr:content".count))
            guard !page.dropFirst(root.count + 1).contains("/") else { continue }
            let properties = (node as? [String: Any])?["properties"] as? [String: Any] ?? [:]
            pages[page] = properties.mapValues { value in (value as? [String: Any])?["value"] ?? value }
        }
        return pages
    }

    /// The Target audience list requests (`paging` of the sandbox's request log) since the log was cleared.
    func audienceListPaging() async throws -> [String] {
        let response = try await admin("GET", "requests?service=target")
        let entries = response.json as? [[String: Any]] ?? []
        return entries.filter {
            ($0["path"] as? String)?.hasSuffix("/target/audiences") == true && $0["method"] as? String == "GET"
        }
        .compactMap { $0["paging"] as? String }
    }

    /// Creates a segment page under `root` through AEM's Sling POST, as an author would (no aemconf marker).
    func authorSegment(_ name: String, root: String = EndToEndSandbox.segmentRoot) async throws {
        let base = endpoints["aem"] ?? ""
        let auth = SandboxHarness.basic(credentials["aemUsername"] ?? "admin", credentials["aemPassword"] ?? "")
        let tokenResponse = try await SandboxHarness.request(
            base: base, "GET", "/libs/granite/csrf/token.json", headers: ["Authorization": auth]
        )
        let token = try #require(tokenResponse.jsonObject?["token"] as? String)
        let headers = ["Authorization": auth, "CSRF-Token": token, "Content-Type": "application/x-www-form-urlencoded"]
        for (path, body) in [
            ("\(root)/\(name)", "./jcr:primaryType=cq:Page"),
            (
                "\(root)/\(name)/jcr:content",
                "./jcr:primaryType=cq:PageContent&./jcr:title=Hand+made"
                    + "&./sling:resourceType=cq%2Fpersonalization%2Fcomponents%2Fsegmentpage"
            ),
        ] {
            let response = try await SandboxHarness.request(
                base: base, "POST", path, headers: headers, body: Data(body.utf8))
            #expect(response.status == 200 || response.status == 201, "\(response.status) \(response.text)")
        }
    }

    /// Replaces the cloud service's `segmentSync` block of the quick start with `block` (indented YAML lines).
    func setSegmentSync(_ block: String) throws {
        try edit("aemconf.yaml") { text in
            guard let start = text.range(of: "    segmentSync:\n") else { return text }
            var end = start.upperBound
            while end < text.endIndex, text[end...].hasPrefix("      ") {
                end = text[end...].firstIndex(of: "\n").map { text.index(after: $0) } ?? text.endIndex
            }
            return text.replacingCharacters(in: start.lowerBound..<end, with: "    segmentSync:\n" + block)
        }
    }
}
