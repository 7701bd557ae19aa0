import AemconfSandbox
import Foundation
import AemconfTestSupport
import Testing

/// The sorted indexes of ``TargetTenant``: pages of a large tenant without a sort per request.
@Suite struct TargetTenantTests {
    static let start = Date(timeIntervalSince1970: 1_709_294_400)

    func tenant(count: Int) -> TargetTenant {
        let workspaces = [
            TargetWorkspace(id: "w0", name: "Default Workspace", productProfileID: "p0", isDefault: true),
            TargetWorkspace(id: "w1", name: "Marketing", productProfileID: "p1"),
        ]
        var generator = SplitMix64(seed: 42)
        let audiences = (0..<count).map { index in
            TargetAudience(
                id: Int64(index + 1), name: "audience-\(generator.next() % 1_000_000)-\(index)",
                description: nil, targetRule: ["and": []], workspace: index % 3 == 0 ? "w1" : "w0",
                createdAt: Self.start)
        }
        return TargetTenant(id: "t", imsOrgCode: "X@AdobeOrg", workspaces: workspaces, audiences: audiences)
    }

    @Test func namePageMatchesAFullSort() {
        let tenant = tenant(count: 20_000)
        let expected = tenant.audiences.values.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
        let page = tenant.page(workspaceIDs: ["w0", "w1"], byName: true, descending: false, offset: 12_345, limit: 50)
        #expect(page.total == 20_000)
        #expect(page.audiences.map(\.id) == expected[12_345..<12_395].map(\.id))
        let reversed = tenant.page(workspaceIDs: ["w0", "w1"], byName: true, descending: true, offset: 0, limit: 5)
        #expect(reversed.audiences.map(\.id) == expected.suffix(5).reversed().map(\.id))
        let onlyDefault = tenant.page(workspaceIDs: ["w0"], byName: false, descending: false, offset: 0, limit: 3)
        #expect(onlyDefault.audiences.map(\.id) == [2, 3, 5])
    }

    @Test func indexesFollowPutAndRemoveAndSurviveCoding() throws {
        var tenant = tenant(count: 100)
        var renamed = try #require(tenant.audiences[10])
        renamed.name = "aaa-first"
        tenant.put(renamed)
        tenant.remove(id: 11)
        let first = tenant.page(workspaceIDs: ["w0", "w1"], byName: true, descending: false, offset: 0, limit: 1)
        #expect(first.audiences.first?.id == 10)
        #expect(first.total == 99)
        #expect(tenant.audienceID(named: "aaa-first") == 10)
        let decoded = try JSONDecoder().decode(TargetTenant.self, from: try JSONEncoder().encode(tenant))
        let again = decoded.page(workspaceIDs: ["w0", "w1"], byName: true, descending: false, offset: 0, limit: 99)
        let before = tenant.page(workspaceIDs: ["w0", "w1"], byName: true, descending: false, offset: 0, limit: 99)
        #expect(again.audiences.map(\.id) == before.audiences.map(\.id))
    }
}
