import AemconfModel
import AemconfPlanner
import Foundation
import Testing

/// The segment part of a plan: counts from the refresher in, the plan line and the `maxDeletes` refusal out.
struct SegmentPlanTests {
    let cloud = ResourceAddress(kind: .targetCloudService, name: "wknd")

    private func plan(_ forecast: SegmentForecast?, maxDeletes: Int = 50, allow: Bool = false) -> Plan {
        var input = PlannerInput(
            desired: [], prior: [], observed: [:], toolVersion: "test", createdAt: Date(timeIntervalSince1970: 0))
        input.segmentSyncs = [
            SegmentSyncInput(address: cloud, maxDeletes: maxDeletes, allowMassDelete: allow, forecast: forecast)
        ]
        return Planner.plan(input)
    }

    private func forecast(_ counts: SegmentCounts, pass: SegmentPass = .incremental) -> SegmentForecast {
        SegmentForecast(
            pass: pass, counts: counts, handAuthored: 2, handAuthoredPaths: ["/etc/s/a", "/etc/s/b"], root: "/etc/s")
    }

    @Test func theLineCountsEachActionWithGroupedNumbers() {
        let plan = plan(forecast(SegmentCounts(create: 12, update: 3, delete: 1, unchanged: 99_984)))
        #expect(plan.segmentSyncs.first?.line == "segments: +12 ~3 -1 (unchanged 99,984)")
        #expect(plan.hasChanges && plan.hasWork && plan.isApplyable)
        let text = PlanRenderer(color: false).render(plan)
        #expect(text.contains("targetCloudServices.wknd segments: +12 ~3 -1 (unchanged 99,984)"), "\(text)")
        #expect(text.contains("2 hand-authored segment(s) under /etc/s left untouched: /etc/s/a, /etc/s/b"), "\(text)")
        let json = PlanJSON.render(plan)
        #expect(json.contains("\"unchanged\":99984") || json.contains("\"unchanged\" : 99984"), "\(json)")
    }

    @Test func noChangeIsNoWorkAndUnknownCountsAreWork() {
        let quiet = plan(forecast(SegmentCounts(unchanged: 5)))
        #expect(!quiet.hasChanges && !quiet.hasWork)
        #expect(PlanRenderer(color: false).render(quiet).contains("No changes"))
        let unknown = plan(nil)
        #expect(unknown.hasWork && unknown.segmentSyncs.first?.line == "segments: (known after apply)")
        #expect(SegmentCounts.grouped(1_234_567) == "1,234,567" && SegmentCounts.grouped(999) == "999")
    }

    @Test func moreDeletesThanMaxDeletesIsAProblemUnlessAllowed() {
        let refused = plan(forecast(SegmentCounts(delete: 51)), maxDeletes: 50)
        #expect(!refused.isApplyable)
        #expect(
            refused.problems.first?.message.contains("would delete 51 segments, more than 'maxDeletes' (50)") == true)
        #expect(refused.segmentSyncs.first?.maxDeletes == 50)
        let allowed = plan(forecast(SegmentCounts(delete: 51)), maxDeletes: 50, allow: true)
        #expect(allowed.isApplyable && allowed.segmentSyncs.first?.maxDeletes == nil)
        #expect(plan(forecast(SegmentCounts(delete: 50)), maxDeletes: 50).isApplyable)
    }

    @Test func aSavedPlanKeepsItsSegmentSyncs() throws {
        let original = plan(forecast(SegmentCounts(create: 1), pass: .full))
        let decoded = try JSONDecoder().decode(Plan.self, from: JSONEncoder().encode(original))
        #expect(decoded == original)
        var old = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(original)) as? [String: Any])
        old["segmentSyncs"] = nil
        let withoutSyncs = try JSONDecoder().decode(Plan.self, from: JSONSerialization.data(withJSONObject: old))
        #expect(withoutSyncs.segmentSyncs.isEmpty)
    }
}
