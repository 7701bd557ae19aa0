import AemconfModel
import AemconfPlanner
import AemconfProviders
import AemconfResources
import AemconfState
import Foundation

/// Plans: loads desired, prior and observed values and hands them to the pure ``Planner``.
public enum Engine {
    /// The stored resources of a snapshot, by address. A row this engine cannot read is an error, never
    /// silently treated as absent (that would plan a duplicate).
    public static func storedResources(_ snapshot: StateSnapshot) throws -> [ResourceAddress: StoredResource] {
        var result: [ResourceAddress: StoredResource] = [:]
        for record in snapshot.resources.values {
            guard let stored = StoredResource(record: record) else {
                throw StateError(.corruptRow, "state row '\(record.address)' is not in the format this aemconf writes")
            }
            result[stored.address] = stored
        }
        return result
    }

    /// The canonical desired attributes and their digest (what a saved plan pins).
    public static func desiredState(
        _ config: Config,
        fingerprinter: SecretFingerprinter,
        resolveSecret: @escaping @Sendable (SecretReference) throws -> Secret,
        readFile: @escaping @Sendable (String) -> [UInt8]?,
        productInfo: AEMProductInfo? = nil
    ) throws -> (resources: [DesiredResource], digest: String) {
        let context = DesiredStateContext(
            fingerprint: { fingerprinter.fingerprint($0).value },
            resolveSecret: resolveSecret,
            readFile: readFile,
            aemProductInfo: productInfo
        )
        let resources = try DesiredStateBuilder.build(config, context: context)
        return (resources, DesiredStateBuilder.digest(resources))
    }

    /// Computes the plan.
    public static func plan(_ request: PlanRequest) async throws -> Plan {
        let stored = try storedResources(request.snapshot)
        let index = ConfigIndex(request.config)
        var observed: [ResourceAddress: ObservedResource]?
        var productInfo: AEMProductInfo?
        if request.refresh {
            var intents: [ResourceAddress: String] = [:]
            // Creates to adopt, and changes of recorded objects an interrupted run left half done.
            for intent in request.openIntents where intent.action == .create || intent.action == .update {
                intents[intent.address] = intent.remoteName
            }
            let result = try await Refresher(session: request.session, parallelism: request.parallelism)
                .refresh(config: index, prior: stored, intents: intents)
            observed = result.observed
            productInfo = result.productInfo
        }
        let desired =
            request.destroy
            ? (resources: [], digest: DesiredStateBuilder.digest([]))
            : try desiredState(
                request.config,
                fingerprinter: request.snapshot.fingerprinter,
                resolveSecret: request.resolveSecret,
                readFile: request.readFile,
                productInfo: productInfo
            )
        var segmentSyncs: [SegmentSyncInput] = []
        if !request.destroy {
            let context = SegmentSyncer.planContext(
                session: request.session, rows: stored, sealer: request.sealer, scope: SealScope(request.snapshot),
                fingerprinter: request.snapshot.fingerprinter, config: index, resolveSecret: request.resolveSecret,
                readFile: request.readFile
            )
            segmentSyncs = try await SegmentSyncer.plannerInputs(
                context: context, options: request.segments, observe: request.refresh)
        }
        var input = PlannerInput(
            desired: desired.resources,
            prior: stored.values.map(\.prior),
            observed: observed,
            verifyUnchanged: request.verify,
            toolVersion: request.toolVersion,
            createdAt: request.now,
            workspace: request.snapshot.workspace,
            lineage: request.snapshot.lineage,
            serial: request.snapshot.serial,
            configDigest: desired.digest,
            requestedRenewals: request.requestedRenewals
        )
        input.segmentSyncs = segmentSyncs
        return Planner.plan(input)
    }
}
