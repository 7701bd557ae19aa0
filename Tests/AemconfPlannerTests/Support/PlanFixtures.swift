import AemconfModel
import AemconfPlanner
import Foundation

/// Plans for the output tests: one representative hand-made plan, and real plans from the planner.
enum PlanFixtures {
    /// A fingerprint no output but the saved plan may contain.
    static let fingerprint = "hmac-sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f0"
    /// Another one, for a secret that changes.
    static let newFingerprint = "hmac-sha256:ffeeddccbbaa99887766554433221100"

    static let createdAt = Date(timeIntervalSince1970: 1_750_000_000)

    static let targetProd = ResourceAddress(kind: .ioIntegration, name: "target-prod")
    static let prod = ResourceAddress(kind: .ioIntegration, name: "prod")
    static let legacy = ResourceAddress(kind: .imsConfiguration, name: "legacy")
    static let wknd = ResourceAddress(kind: .targetCloudService, name: "wknd")
    static let health = ResourceAddress(kind: .targetCloudService, name: "health")
    static let steady = ResourceAddress(kind: .targetCloudService, name: "steady")
    static let old = ResourceAddress(kind: .targetCloudService, name: "old")
    static let foreign = ResourceAddress(kind: .targetCloudService, name: "foreign")

    /// Every action, both kinds of drift, a sensitive and an unknown value, nested values, and a problem.
    static var representative: Plan {
        Plan(
            toolVersion: "1.2.3",
            createdAt: createdAt,
            workspace: "prod",
            lineage: "6f1c2b9e-3d4a-4e5f-8a7b-1c2d3e4f5a6b",
            serial: 7,
            configDigest: "sha256:3b1f0c5e",
            refreshed: true,
            changes: [
                PlannedChange(
                    address: targetProd,
                    action: .create,
                    after: [
                        "name": .known(.string("aem-prod")),
                        "credential": .known(.string("oauth-server-to-server")),
                        "clientSecret": .sensitive(fingerprint: fingerprint),
                        "clientId": .unknown,
                        "scopes": .known(.array([.string("openid"), .string("AdobeID")])),
                    ]
                ),
                PlannedChange(
                    address: prod,
                    action: .replace,
                    before: [
                        "name": .known(.string("aem-prod-legacy")),
                        "credential": .known(.string("jwt")),
                        "clientId": .known(.string("abc123")),
                    ],
                    after: [
                        "name": .known(.string("aem-prod-legacy")),
                        "credential": .known(.string("oauth-server-to-server")),
                        "clientId": .unknown,
                    ],
                    attributeChanges: [
                        AttributeChange(name: "clientId", before: .known(.string("abc123")), after: .unknown),
                        AttributeChange(
                            name: "credential",
                            before: .known(.string("jwt")),
                            after: .known(.string("oauth-server-to-server")),
                            forcesReplace: true
                        ),
                    ],
                    reasons: ["credential type changed"]
                ),
                PlannedChange(
                    address: legacy,
                    action: .create,
                    after: ["title": .known(.string("Legacy")), "clientSecret": .unknown],
                    dependencies: [prod],
                    reasons: ["deleted outside aemconf"]
                ),
                PlannedChange(
                    address: wknd,
                    action: .update,
                    before: [
                        "title": .known(.string("Hacked")),
                        "clientSecret": .sensitive(fingerprint: fingerprint),
                        "legacyMode": .known(.bool(true)),
                    ],
                    after: [
                        "title": .known(.string("WKND 2")),
                        "clientSecret": .sensitive(fingerprint: newFingerprint),
                        "mbox": .known(.object(["timeout": .number(15), "name": .string("target-global-mbox")])),
                    ],
                    attributeChanges: [
                        AttributeChange(
                            name: "clientSecret",
                            before: .sensitive(fingerprint: fingerprint),
                            after: .sensitive(fingerprint: newFingerprint)
                        ),
                        AttributeChange(name: "legacyMode", before: .known(.bool(true)), after: nil),
                        AttributeChange(
                            name: "mbox",
                            before: nil,
                            after: .known(.object(["timeout": .number(15), "name": .string("target-global-mbox")]))
                        ),
                        AttributeChange(
                            name: "title", before: .known(.string("Hacked")), after: .known(.string("WKND 2"))),
                    ],
                    dependencies: [legacy]
                ),
                PlannedChange(
                    address: health,
                    action: .verify,
                    before: ["title": .known(.string("Health"))],
                    after: ["title": .known(.string("Health"))]
                ),
                PlannedChange(
                    address: steady,
                    action: .noOp,
                    before: ["title": .known(.string("Steady"))],
                    after: ["title": .known(.string("Steady"))]
                ),
                PlannedChange(
                    address: old,
                    action: .delete,
                    before: [
                        "title": .known(.string("Old")),
                        "accurateTargeting": .known(.bool(false)),
                        "clientSecret": .sensitive(fingerprint: fingerprint),
                    ],
                    reasons: ["no longer in the config"]
                ),
            ],
            drift: [
                Drift(
                    address: wknd,
                    kind: .changed,
                    attribute: "title",
                    stored: .known(.string("WKND")),
                    live: .known(.string("Hacked"))
                ),
                Drift(address: legacy, kind: .deleted),
            ],
            problems: [
                PlanProblem(
                    address: foreign,
                    message: "target cloud service 'foreign' already exists but was not made by aemconf; "
                        + "rename the resource, remove the object, or adopt it with 'aemconf import'"
                )
            ],
            segmentSyncs: [
                SegmentSyncPlan(
                    address: ResourceAddress(kind: .targetCloudService, name: "wknd"),
                    forecast: SegmentForecast(
                        pass: .incremental, counts: SegmentCounts(create: 12, update: 3, delete: 1, unchanged: 99_984),
                        handAuthored: 1, handAuthoredPaths: ["/etc/segmentation/aemconf/wknd/hand-made"],
                        root: "/etc/segmentation/aemconf/wknd"
                    ),
                    maxDeletes: 50
                ),
                SegmentSyncPlan(
                    address: ResourceAddress(kind: .targetCloudService, name: "new"), forecast: nil,
                    unknownReason: "the cloud service is created by this apply", maxDeletes: nil
                ),
            ]
        )
    }

    // MARK: - Real plans

    static func input(
        desired: [DesiredResource],
        prior: [PriorResource] = [],
        observed: [ResourceAddress: ObservedResource]? = [:],
        verify: Bool = false,
        lineage: String = "",
        serial: Int64 = 0
    ) -> PlannerInput {
        PlannerInput(
            desired: desired, prior: prior, observed: observed, verifyUnchanged: verify, toolVersion: "1.2.3",
            createdAt: createdAt, workspace: "default", lineage: lineage, serial: serial, configDigest: "sha256:ab12"
        )
    }

    static func desired(title: String = "WKND", credential: String = "oauth-server-to-server") -> [DesiredResource] {
        [
            DesiredResource(
                address: prod,
                attributes: [
                    "name": .known(.string("aem-prod")), "credential": .known(.string(credential)),
                    "privateKey": .sensitive(fingerprint: fingerprint),
                ],
                replaceTriggers: ["credential": "credential type changed"]
            ),
            DesiredResource(
                address: legacy,
                attributes: [
                    "clientId": .output(of: prod, name: "clientId"),
                    "clientSecret": .output(of: prod, name: "clientSecret"),
                    "title": .known(.string("Target")),
                ],
                dependencies: [prod]
            ),
            DesiredResource(
                address: wknd,
                attributes: ["title": .known(.string(title)), "accurateTargeting": .known(.bool(true))],
                dependencies: [legacy]
            ),
        ]
    }

    static func prior() -> [PriorResource] {
        [
            PriorResource(
                address: prod,
                attributes: [
                    "name": .known(.string("aem-prod")), "credential": .known(.string("oauth-server-to-server")),
                    "privateKey": .sensitive(fingerprint: fingerprint),
                ],
                outputs: ["clientId": .known(.string("abc")), "clientSecret": .sensitive(fingerprint: newFingerprint)]
            ),
            PriorResource(
                address: legacy,
                attributes: [
                    "clientId": .known(.string("abc")), "clientSecret": .sensitive(fingerprint: newFingerprint),
                    "title": .known(.string("Target")),
                ],
                dependencies: [prod]
            ),
            PriorResource(
                address: wknd,
                attributes: ["title": .known(.string("WKND")), "accurateTargeting": .known(.bool(true))],
                dependencies: [legacy]
            ),
        ]
    }

    static func live(title: String = "WKND") -> [ResourceAddress: ObservedResource] {
        [
            prod: .present(attributes: ["name": .string("aem-prod"), "credential": .string("oauth-server-to-server")]),
            legacy: .present(attributes: ["clientId": .string("abc"), "title": .string("Target")]),
            wknd: .present(attributes: ["title": .string(title), "accurateTargeting": .bool(true)]),
        ]
    }

    /// Plans of every shape the planner makes, by name.
    static var plannerShapes: [(name: String, plan: Plan)] {
        let oldCloud = PriorResource(
            address: old, attributes: ["title": .known(.string("Old"))], dependencies: [legacy])
        var deletedLive = live()
        deletedLive[old] = .absent
        var goneLive = live()
        goneLive[legacy] = .absent
        return [
            ("empty", Planner.plan(input(desired: [], observed: [:]))),
            ("createEverything", Planner.plan(input(desired: desired()))),
            (
                "noChanges",
                Planner.plan(input(desired: desired(), prior: prior(), observed: live(), lineage: "L", serial: 3))
            ),
            (
                "verify",
                Planner.plan(
                    input(desired: desired(), prior: prior(), observed: live(), verify: true, lineage: "L", serial: 3))
            ),
            (
                "drift",
                Planner.plan(
                    input(desired: desired(), prior: prior(), observed: live(title: "Hacked"), lineage: "L", serial: 3))
            ),
            (
                "update",
                Planner.plan(
                    input(desired: desired(title: "WKND 2"), prior: prior(), observed: live(), lineage: "L", serial: 3))
            ),
            (
                "replace",
                Planner.plan(
                    input(
                        desired: desired(credential: "jwt"), prior: prior(), observed: live(), lineage: "L", serial: 3))
            ),
            (
                "delete",
                Planner.plan(
                    input(
                        desired: desired(), prior: prior() + [oldCloud], observed: deletedLive, lineage: "L", serial: 3)
                )
            ),
            (
                "deletedOutside",
                Planner.plan(input(desired: desired(), prior: prior(), observed: goneLive, lineage: "L", serial: 3))
            ),
            (
                "notRefreshed",
                Planner.plan(
                    input(desired: desired(title: "WKND 2"), prior: prior(), observed: nil, lineage: "L", serial: 3))
            ),
            (
                "interrupted",
                Planner.plan(input(desired: desired(), observed: [prod: .interrupted(remoteName: "aem-prod")]))
            ),
            (
                "foreign",
                Planner.plan(
                    input(desired: desired(), observed: [wknd: .foreign(description: "target cloud service 'wknd'")]))
            ),
            ("representative", representative),
        ]
    }
}
