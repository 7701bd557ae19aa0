import AemconfSandbox
import AemconfTestSupport
import Foundation
import Testing

/// Fidelity gaps found by driving the sandbox with third-party AEM clients (issue 14, item 6), each written from
/// Adobe's documentation.
@Suite struct AEMRootReadTests {
    /// Adobe's security checklist and hardening guides probe `/.json`, `/.1.json`, `/.infinity.json` and
    /// `/.tidy.json` on an author: the root resolves like any path (aem.md §0.4).
    @Test func theRepositoryRootReadsLikeAnyPath() async throws {
        let harness = try await SandboxHarness.start()
        let headers = harness.aemAdminHeaders
        let depth0 = try await harness.request(.aem, "GET", "/.json", headers: headers)
        #expect(depth0.status == 200)
        #expect(depth0.jsonObject?["jcr:primaryType"] != nil, "\(depth0.text)")
        #expect(depth0.jsonObject?["content"] == nil, "depth 0 has no children")
        let depth1 = try await harness.request(.aem, "GET", "/.1.json", headers: headers)
        #expect(depth1.status == 200)
        let children = try #require(depth1.jsonObject)
        for child in ["apps", "content", "etc", "home", "libs"] {
            #expect(children[child] is [String: Any], "'/\(child)' is listed at depth 1: \(children.keys.sorted())")
        }
        #expect((children["home"] as? [String: Any])?["users"] == nil, "depth 1 stops at the root's children")
        let tidy = try await harness.request(.aem, "GET", "/.tidy.json", headers: headers)
        #expect(tidy.status == 200)
        #expect(tidy.text.contains("\n  \""), "tidy is pretty-printed")
        let infinity = try await harness.request(.aem, "GET", "/.infinity.json", headers: headers)
        #expect(infinity.status == 200)
        let home = (infinity.jsonObject?["home"] as? [String: Any])?["users"] as? [String: Any]
        #expect((home?["system"] as? [String: Any])?["authentication-service"] is [String: Any], "the whole tree")
        // Over Sling's result cap: 300 with the levels that fit, as for any large tree.
        await harness.sandbox.store.mutate { state in
            for index in 0..<250 { state.aem.ensureNode("/content/big/n\(index)") }
        }
        let capped = try await harness.request(.aem, "GET", "/.infinity.json", headers: headers)
        #expect(capped.status == 300, "\(capped.status)")
        let levels = try #require(capped.json as? [String])
        #expect(
            levels.last == "/.0.json" && levels.allSatisfy { $0.hasPrefix("/.") && $0.hasSuffix(".json") }, "\(levels)")
        #expect(try await harness.request(.aem, "GET", levels[0], headers: headers).status == 200)
        #expect(try await harness.request(.aem, "GET", "/.nothing.json", headers: headers).status == 400)
        try await harness.stop()
    }

    /// AEM's user administration keeps groups beside users: `/home/groups` exists on every author.
    @Test func homeGroupsExistsBesideHomeUsers() async throws {
        let harness = try await SandboxHarness.start()
        let home = try await harness.request(.aem, "GET", "/home.1.json", headers: harness.aemAdminHeaders)
        #expect(home.status == 200)
        #expect(home.jsonObject?["users"] is [String: Any])
        #expect(home.jsonObject?["groups"] is [String: Any], "\(home.text)")
        let query = try await harness.request(
            .aem, "GET",
            "/bin/querybuilder.json?path=/home/groups&type=rep:Group&property=rep:authorizableId"
                + "&property.value=administrators&p.hits=selective&p.properties=jcr:path",
            headers: harness.aemAdminHeaders
        )
        let hits = try #require(query.jsonObject?["hits"] as? [[String: Any]])
        #expect(hits.first?["jcr:path"] as? String == "/home/groups/a/administrators")
        try await harness.stop()
    }
}

/// Adobe's "Using cURL with AEM": `curl -u admin:admin -X DELETE http://localhost:4502/content/…` deletes a node.
@Suite struct AEMHTTPDeleteTests {
    @Test func deleteOnARepositoryPathDeletesItWith204() async throws {
        let harness = try await SandboxHarness.start()
        let headers = try await harness.aemMutatingHeaders()
        _ = try await harness.postForm(.aem, "/content/doomed/child", fields: [("a", "b")], headers: headers)
        let deleted = try await harness.request(.aem, "DELETE", "/content/doomed", headers: headers)
        #expect(deleted.status == 204)
        #expect(deleted.body.isEmpty)
        #expect(
            try await harness.request(.aem, "GET", "/content/doomed.json", headers: harness.aemAdminHeaders).status
                == 404)
        #expect(
            try await harness.request(.aem, "GET", "/content/doomed/child.json", headers: harness.aemAdminHeaders)
                .status == 404)
        #expect(try await harness.request(.aem, "DELETE", "/content/doomed", headers: headers).status == 404)
        #expect(try await harness.request(.aem, "DELETE", "/", headers: headers).status == 403)
        #expect(try await harness.request(.aem, "GET", "/content.json", headers: harness.aemAdminHeaders).status == 200)
        try await harness.stop()
    }

    @Test func deleteNeedsCredentials() async throws {
        let harness = try await SandboxHarness.start()
        let anonymous = try await harness.request(.aem, "DELETE", "/content")
        #expect(anonymous.status == 401)
        #expect(try await harness.request(.aem, "GET", "/content.json", headers: harness.aemAdminHeaders).status == 200)
        try await harness.stop()
    }
}

/// Adobe's Query Builder API: numbered property groups (`1_property=…&1_property.value=…`, ANDed), several values
/// of one property (`property.1_value`, ORed), `fulltext`; and a predicate the sandbox does not evaluate is
/// refused, never dropped.
@Suite struct AEMQueryBuilderPredicateTests {
    static func seed(_ harness: SandboxHarness) async {
        await harness.sandbox.store.mutate { state in
            for (name, color, size, text) in [
                ("a", "red", "small", "Alpha launch campaign"), ("b", "red", "large", "Beta rollout"),
                ("c", "blue", "large", "Gamma campaign"),
            ] {
                let path = "/content/qb/\(name)"
                state.aem.ensureNode(path, primaryType: "nt:unstructured")
                state.aem.setProperty("color", .string(color), at: path)
                state.aem.setProperty("size", .string(size), at: path)
                state.aem.setProperty("jcr:description", .string(text), at: path)
            }
        }
    }

    static func paths(_ harness: SandboxHarness, _ query: String) async throws -> (Int, [String]) {
        let response = try await harness.request(
            .aem, "GET",
            "/bin/querybuilder.json?path=/content/qb&p.limit=-1&p.hits=selective&p.properties=jcr:path&"
                + query, headers: harness.aemAdminHeaders
        )
        let hits = (response.jsonObject?["hits"] as? [[String: Any]] ?? []).compactMap { $0["jcr:path"] as? String }
        return (response.status, hits.sorted())
    }

    @Test func numberedPropertyGroupsAreAllApplied() async throws {
        let harness = try await SandboxHarness.start()
        await Self.seed(harness)
        let both = try await Self.paths(
            harness, "1_property=color&1_property.value=red&2_property=size&2_property.value=large")
        #expect(both.0 == 200)
        #expect(both.1 == ["/content/qb/b"])
        let mixed = try await Self.paths(
            harness, "property=color&property.value=blue&1_property=size&1_property.value=large")
        #expect(mixed.1 == ["/content/qb/c"])
        let either = try await Self.paths(
            harness, "property=size&property.1_value=small&property.2_value=large&1_property=color&1_property.value=red"
        )
        #expect(either.1 == ["/content/qb/a", "/content/qb/b"])
        let not = try await Self.paths(harness, "property=color&property.value=red&property.operation=unequals")
        #expect(not.1 == ["/content/qb/c"])
        try await harness.stop()
    }

    @Test func fulltextMatchesEveryTerm() async throws {
        let harness = try await SandboxHarness.start()
        await Self.seed(harness)
        #expect(try await Self.paths(harness, "fulltext=campaign").1 == ["/content/qb/a", "/content/qb/c"])
        #expect(try await Self.paths(harness, "fulltext=CAMPAIGN%20alpha").1 == ["/content/qb/a"])
        #expect(try await Self.paths(harness, "fulltext=campaign%20-gamma").1 == ["/content/qb/a"])
        #expect(
            try await Self.paths(harness, "fulltext=%22beta%20rollout%22&1_property=color&1_property.value=red").1
                == ["/content/qb/b"])
        #expect(try await Self.paths(harness, "fulltext=nowhere").1 == [])
        try await harness.stop()
    }

    @Test func aPredicateTheSandboxDoesNotEvaluateIsRefused() async throws {
        let harness = try await SandboxHarness.start()
        await Self.seed(harness)
        for query in [
            "daterange.property=jcr:created", "1_property=color&1_property.value=red&p.or=true", "group.p.or=true",
            "tagid=wknd:red", "property=color&property.operation=like&property.value=r%25", "1_property.value=red",
            "fulltext.relPath=jcr:content", "orderby=jcr:title",
        ] {
            let (status, hits) = try await Self.paths(harness, query)
            #expect(status == 400, "'\(query)' is refused, not answered with a wider result")
            #expect(hits.isEmpty)
        }
        try await harness.stop()
    }

    @Test func orderByPathAndProperty() async throws {
        let harness = try await SandboxHarness.start()
        await Self.seed(harness)
        let response = try await harness.request(
            .aem, "GET",
            "/bin/querybuilder.json?path=/content/qb&orderby=@color&orderby.sort=desc&p.hits=selective"
                + "&p.properties=jcr:path&p.limit=-1", headers: harness.aemAdminHeaders
        )
        let hits = (response.jsonObject?["hits"] as? [[String: Any]] ?? []).compactMap { $0["jcr:path"] as? String }
        #expect(
            hits.first != "/content/qb/c" && hits.last == "/content/qb/c", "red before blue when descending: \(hits)")
        try await harness.stop()
    }
}
