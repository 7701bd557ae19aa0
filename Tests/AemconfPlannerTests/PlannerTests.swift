import AemconfModel
import AemconfPlanner
import Foundation
import Testing

/// The planner as a state machine: values in, asserted plan out.
struct PlannerTests {
    let integration = ResourceAddress(kind: .ioIntegration, name: "prod")
    let ims = ResourceAddress(kind: .imsConfiguration, name: "prod")
    let cloud = ResourceAddress(kind: .targetCloudService, name: "wknd")

    func desiredStack(title: String = "WKND", credential: String = "oauth-server-to-server") -> [DesiredResource] {
        [
            DesiredResource(
                address: integration,
                attributes: ["name": .known(.string("aem-prod")), "credential": .known(.string(credential))],
                replaceTriggers: ["credential": "credential type changed"]
            ),
            DesiredResource(
                address: ims,
                attributes: [
                    "clientId": .output(of: integration, name: "clientId"),
                    "clientSecret": .output(of: integration, name: "clientSecret"),
                    "title": .known(.string("Target")),
                ],
                dependencies: [integration]
            ),
            DesiredResource(
                address: cloud,
                attributes: ["title": .known(.string(title)), "accurateTargeting": .known(.bool(true))],
                dependencies: [ims]
            ),
        ]
    }

    func priorStack() -> [PriorResource] {
        [
            PriorResource(
                address: integration,
                attributes: [
                    "name": .known(.string("aem-prod")), "credential": .known(.string("oauth-server-to-server")),
                ],
                outputs: ["clientId": .known(.string("abc")), "clientSecret": .sensitive(fingerprint: "f1")]
            ),
            PriorResource(
                address: ims,
                attributes: [
                    "clientId": .known(.string("abc")), "clientSecret": .sensitive(fingerprint: "f1"),
                    "title": .known(.string("Target")),
                ],
                dependencies: [integration]
            ),
            PriorResource(
                address: cloud,
                attributes: ["title": .known(.string("WKND")), "accurateTargeting": .known(.bool(true))],
                dependencies: [ims]
            ),
        ]
    }

    func input(
        desired: [DesiredResource],
        prior: [PriorResource] = [],
        observed: [ResourceAddress: ObservedResource]? = [:],
        verify: Bool = false
    ) -> PlannerInput {
        PlannerInput(
            desired: desired, prior: prior, observed: observed, verifyUnchanged: verify, toolVersion: "test",
            createdAt: Date(timeIntervalSince1970: 0)
        )
    }

    @Test func emptyStateCreatesEverythingInDependencyOrderWithUnknownOutputs() {
        let plan = Planner.plan(input(desired: desiredStack().reversed()))
        #expect(plan.changes.map(\.address) == [integration, ims, cloud])
        #expect(plan.changes.allSatisfy { $0.action == .create })
        #expect(plan.change(for: ims)?.after?["clientId"] == .unknown)
        #expect(plan.change(for: ims)?.after?["clientSecret"] == .unknown)
        #expect(plan.hasChanges)
        #expect(plan.summary.create == 3)
    }

    @Test func unchangedStackIsNoOpAndOutputsResolveFromState() {
        let observed: [ResourceAddress: ObservedResource] = [
            integration: .present(attributes: ["name": .string("aem-prod")]),
            ims: .present(attributes: ["clientId": .string("abc")]),
            cloud: .present(attributes: ["title": .string("WKND")]),
        ]
        let plan = Planner.plan(input(desired: desiredStack(), prior: priorStack(), observed: observed))
        #expect(!plan.hasChanges)
        #expect(plan.drift.isEmpty)
        #expect(plan.changes.allSatisfy { $0.action == .noOp })
        #expect(plan.change(for: ims)?.after?["clientSecret"] == .sensitive(fingerprint: "f1"))
    }

    @Test func verifyFlagPlansVerifyForUnchangedResources() {
        let plan = Planner.plan(input(desired: desiredStack(), prior: priorStack(), verify: true))
        #expect(plan.changes.allSatisfy { $0.action == .verify })
        #expect(!plan.hasChanges)
    }

    @Test func editedAttributePlansUpdateWithItsDiff() {
        let plan = Planner.plan(input(desired: desiredStack(title: "WKND 2"), prior: priorStack()))
        let change = plan.change(for: cloud)
        #expect(change?.action == .update)
        #expect(
            change?.attributeChanges == [
                AttributeChange(name: "title", before: .known(.string("WKND")), after: .known(.string("WKND 2")))
            ])
        #expect(plan.change(for: ims)?.action == .noOp)
    }

    @Test func liveChangeIsDriftAndUpdateRestoresIt() {
        let observed: [ResourceAddress: ObservedResource] = [cloud: .present(attributes: ["title": .string("Hacked")])]
        let plan = Planner.plan(input(desired: desiredStack(), prior: priorStack(), observed: observed))
        #expect(
            plan.drift == [
                Drift(
                    address: cloud, kind: .changed, attribute: "title", stored: .known(.string("WKND")),
                    live: .known(.string("Hacked")))
            ])
        let change = plan.change(for: cloud)
        #expect(change?.action == .update)
        #expect(change?.attributeChanges.first?.before == .known(.string("Hacked")))
        #expect(change?.reasons == ["restores values changed outside aemconf"])
    }

    @Test func deletedOutsideIsDriftAndPlansCreate() {
        let plan = Planner.plan(input(desired: desiredStack(), prior: priorStack(), observed: [cloud: .absent]))
        #expect(plan.drift == [Drift(address: cloud, kind: .deleted)])
        #expect(plan.change(for: cloud)?.action == .create)
    }

    @Test func refreshSkippedSeesNoDrift() {
        let plan = Planner.plan(input(desired: desiredStack(), prior: priorStack(), observed: nil))
        #expect(!plan.refreshed)
        #expect(!plan.hasChanges)
    }

    @Test func replaceTriggerPlansReplaceAndDependentsSeeUnknownOutputs() {
        let plan = Planner.plan(input(desired: desiredStack(credential: "jwt"), prior: priorStack()))
        let change = plan.change(for: integration)
        #expect(change?.action == .replace)
        #expect(change?.reasons == ["credential type changed"])
        #expect(change?.attributeChanges.first?.forcesReplace == true)
        let imsChange = plan.change(for: ims)
        #expect(imsChange?.action == .update)
        #expect(imsChange?.attributeChanges.map(\.name) == ["clientId", "clientSecret"])
        #expect(plan.change(for: cloud)?.action == .noOp)
    }

    @Test func removedResourcesAreDeletedInReverseDependencyOrder() {
        let plan = Planner.plan(input(desired: [], prior: priorStack()))
        #expect(plan.changes.map(\.address) == [cloud, ims, integration])
        #expect(plan.changes.allSatisfy { $0.action == .delete })
        #expect(plan.change(for: ims)?.dependencies == [cloud])
        #expect(plan.change(for: cloud)?.dependencies == [])
    }

    @Test func removedButAlreadyGoneOnlyForgets() {
        let plan = Planner.plan(input(desired: [], prior: [priorStack()[2]], observed: [cloud: .absent]))
        #expect(plan.change(for: cloud)?.action == .delete)
        #expect(plan.change(for: cloud)?.reasons.first?.contains("only forgets") == true)
    }

    @Test func foreignObjectIsAProblemNotAnAdoption() {
        let plan = Planner.plan(
            input(desired: desiredStack(), observed: [cloud: .foreign(description: "page '/etc/x'")]))
        #expect(!plan.isApplyable)
        #expect(plan.problems.map(\.address) == [cloud])
        #expect(plan.problems.first?.message.contains("aemconf import targetCloudServices.wknd") == true)
        #expect(plan.change(for: cloud) == nil)
    }

    @Test func interruptedCreateIsResumed() {
        let plan = Planner.plan(
            input(desired: desiredStack(), observed: [integration: .interrupted(remoteName: "aem-prod")]))
        let change = plan.change(for: integration)
        #expect(change?.action == .create)
        #expect(change?.resumesInterruptedCreate == true)
    }

    @Test func aRowJournaledPartWayThroughACreateIsStillACreate() {
        let partial = PriorResource(address: integration, attributes: [:])
        let plan = Planner.plan(
            input(
                desired: desiredStack(credential: "jwt"), prior: [partial],
                observed: [integration: .interrupted(remoteName: "aem-prod")]))
        let change = plan.change(for: integration)
        #expect(change?.action == .create)
        #expect(change?.resumesInterruptedCreate == true)
        #expect(plan.drift.isEmpty)
    }

    @Test func refusalIsAProblem() {
        var desired = desiredStack()
        desired[1].refusal = "AEM 6.5 SP20 no longer accepts JWT IMS configurations"
        let plan = Planner.plan(input(desired: desired))
        #expect(
            plan.problems == [
                PlanProblem(address: ims, message: "AEM 6.5 SP20 no longer accepts JWT IMS configurations")
            ])
    }

    @Test func independentStacksCarryNoEdgeBetweenThem() {
        let other = ResourceAddress(kind: .ioIntegration, name: "stage")
        let desired =
            desiredStack() + [DesiredResource(address: other, attributes: ["name": .known(.string("aem-stage"))])]
        let plan = Planner.plan(input(desired: desired))
        #expect(plan.change(for: other)?.dependencies == [])
        #expect(plan.change(for: cloud)?.dependencies == [ims])
    }

    @Test func planValuesRoundTripThroughJSON() throws {
        let plan = Planner.plan(input(desired: desiredStack(credential: "jwt"), prior: priorStack()))
        let data = try JSONEncoder().encode(plan)
        #expect(try JSONDecoder().decode(Plan.self, from: data) == plan)
    }
}
