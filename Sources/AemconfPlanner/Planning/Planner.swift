import AemconfModel
import Foundation

/// The planner: a pure function from desired, prior (state) and observed (live) values to a ``Plan``.
///
/// No I/O and no clock: everything it needs is in ``PlannerInput``.
public enum Planner {
    /// Computes the plan.
    public static func plan(_ input: PlannerInput) -> Plan {
        let priorByAddress = Dictionary(input.prior.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
        let desiredByAddress = Dictionary(
            input.desired.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
        var changes: [PlannedChange] = []
        var drift: [Drift] = []
        var problems: [PlanProblem] = []
        var planned: [ResourceAddress: Action] = [:]
        // Outputs a renewal changes (the others keep their values), and resources whose credential changes
        // under their dependents (those are verified with it).
        var renewedOutputs: [ResourceAddress: Set<String>] = [:]
        var credentialChanges: Set<ResourceAddress> = []

        let order = DependencyOrder.sorted(
            input.desired.map(\.address),
            dependencies: desiredByAddress.mapValues(\.dependencies)
        )
        for address in order {
            guard let desired = desiredByAddress[address] else { continue }
            if let refusal = desired.refusal {
                problems.append(PlanProblem(address: address, message: refusal))
                continue
            }
            let after = resolve(desired, planned: planned, renewedOutputs: renewedOutputs, prior: priorByAddress)
            let observed = input.observed?[address]
            var change = PlannedChange(
                address: address, action: .noOp, after: after, dependencies: desired.dependencies)
            // A row without attributes was journaled part-way through a create (a JWT key sealed before its
            // upload): the create is still to finish.
            if let prior = priorByAddress[address], !prior.attributes.isEmpty {
                change.before = prior.attributes
                planExisting(
                    desired, prior: prior, observed: observed, verify: input.verifyUnchanged, into: &change,
                    drift: &drift)
                if observed != .absent {
                    let requested = input.requestedRenewals.contains(address)
                    planRenewals(desired, prior: prior, now: input.createdAt, requested: requested, into: &change)
                    planUnfinished(prior, into: &change)
                }
                if !change.renewals.isEmpty {
                    let renewed = desired.renewals.filter { change.renewals.contains($0.part) }
                    renewedOutputs[address] = Set(renewed.flatMap(\.changesOutputs))
                }
                if !change.renewals.isEmpty || prior.unfinished != nil || change.action == .replace {
                    credentialChanges.insert(address)
                }
                if let source = referenced(by: desired).first(where: credentialChanges.contains) {
                    if change.action == .noOp {
                        change.action = .verify
                        change.reasons.append("verifies with the new credential of '\(source)'")
                    }
                    if change.action != .create { credentialChanges.insert(address) }
                }
            } else {
                switch observed {
                case .foreign(let description):
                    problems.append(
                        PlanProblem(address: address, message: Messages.foreign(description, address: address)))
                    continue
                case .interrupted(let remoteName):
                    change.action = .create
                    change.resumesInterruptedCreate = true
                    change.reasons.append("resuming an interrupted create: adopting '\(remoteName)'")
                case .present, .absent, .none:
                    change.action = .create
                }
            }
            planned[address] = change.action
            changes.append(change)
        }

        let leaving = input.prior.map(\.address).filter { desiredByAddress[$0] == nil }
        let leavingSet = Set(leaving)
        var dependents: [ResourceAddress: [ResourceAddress]] = [:]
        for address in leaving {
            for dependency in priorByAddress[address]?.dependencies ?? [] where leavingSet.contains(dependency) {
                dependents[dependency, default: []].append(address)
            }
        }
        let deleteOrder = DependencyOrder.sorted(leaving, dependencies: dependents)
        for address in deleteOrder {
            guard let prior = priorByAddress[address] else { continue }
            var change = PlannedChange(
                address: address,
                action: .delete,
                before: prior.attributes,
                dependencies: dependents[address, default: []].sorted()
            )
            if input.observed?[address] == .absent {
                change.reasons.append("already deleted outside aemconf; apply only forgets it")
            } else {
                change.reasons.append("no longer in the config")
            }
            changes.append(change)
        }

        var segmentSyncs: [SegmentSyncPlan] = []
        for sync in input.segmentSyncs.sorted(by: { $0.address < $1.address }) {
            let cap = sync.allowMassDelete ? nil : sync.maxDeletes
            if let cap, let deletes = sync.forecast?.counts.delete, deletes > cap {
                problems.append(PlanProblem(address: sync.address, message: Messages.massDelete(deletes, cap: cap)))
            }
            segmentSyncs.append(
                SegmentSyncPlan(
                    address: sync.address, forecast: sync.forecast, unknownReason: sync.unknownReason, maxDeletes: cap,
                    notRead: sync.notRead
                )
            )
        }

        return Plan(
            toolVersion: input.toolVersion,
            createdAt: input.createdAt,
            workspace: input.workspace,
            lineage: input.lineage,
            serial: input.serial,
            configDigest: input.configDigest,
            refreshed: input.observed != nil,
            changes: changes,
            drift: drift,
            problems: problems,
            segmentSyncs: segmentSyncs
        )
    }

    /// Plans a resource state already records: drift first, then the config's changes against the live values.
    private static func planExisting(
        _ desired: DesiredResource,
        prior: PriorResource,
        observed: ObservedResource?,
        verify: Bool,
        into change: inout PlannedChange,
        drift: inout [Drift]
    ) {
        var current = prior.attributes
        switch observed {
        case .absent:
            drift.append(Drift(address: desired.address, kind: .deleted))
            change.action = .create
            change.before = nil
            change.reasons.append("deleted outside aemconf")
            return
        case .present(let live):
            for name in live.keys.sorted() {
                guard let value = live[name], let stored = prior.attributes[name], !stored.isSensitive else { continue }
                let liveValue = PlanValue.known(value)
                if stored != liveValue {
                    drift.append(
                        Drift(
                            address: desired.address, kind: .changed, attribute: name, stored: stored, live: liveValue))
                    current[name] = liveValue
                }
            }
        case .interrupted(let remoteName):
            change.reasons.append("an interrupted run left '\(remoteName)' half changed")
        case .foreign, .none:
            break
        }
        change.before = current
        let after = change.after ?? [:]
        var attributeChanges: [AttributeChange] = []
        for name in Set(current.keys).union(after.keys).sorted() {
            let before = current[name]
            let planned = after[name]
            if before == planned, planned != .unknown { continue }
            attributeChanges.append(
                AttributeChange(
                    name: name, before: before, after: planned, forcesReplace: desired.replaceTriggers[name] != nil)
            )
        }
        change.attributeChanges = attributeChanges
        let replaceReasons = attributeChanges.filter(\.forcesReplace).compactMap { desired.replaceTriggers[$0.name] }
        if !replaceReasons.isEmpty {
            change.action = .replace
            change.reasons += Array(Set(replaceReasons)).sorted()
        } else if !attributeChanges.isEmpty {
            change.action = .update
            if case .interrupted = observed {
            } else if attributeChanges.allSatisfy({ drifted($0, prior: prior) }) {
                change.reasons.append("restores values changed outside aemconf")
            }
        } else if verify || observed.map(isInterrupted) == true {
            change.action = .verify
        }
    }

    /// The resources whose outputs `desired` uses, sorted.
    private static func referenced(by desired: DesiredResource) -> [ResourceAddress] {
        let sources = desired.attributes.values.compactMap { value -> ResourceAddress? in
            if case .output(let address, _) = value { return address }
            return nil
        }
        return Set(sources).sorted()
    }

    /// Parts of an unchanged (or updated) resource that are due: the resource is replaced in part, with the reason.
    private static func planRenewals(
        _ desired: DesiredResource,
        prior: PriorResource,
        now: Date,
        requested: Bool,
        into change: inout PlannedChange
    ) {
        guard change.action != .replace, change.action != .create, prior.unfinished == nil else { return }
        for renewal in desired.renewals {
            let reason =
                prior.pendingRenewals.contains(renewal.part)
                ? "an interrupted run started renewing the \(renewal.noun): must be replaced"
                : renewal.dueReason(outputs: prior.outputs, now: now, requested: requested)
            guard let reason else { continue }
            change.renewals.append(renewal.part)
            change.reasons.append(reason)
        }
        if !change.renewals.isEmpty { change.action = .replace }
    }

    /// An interrupted rotation or migration left old objects: the change finishes it.
    private static func planUnfinished(_ prior: PriorResource, into change: inout PlannedChange) {
        guard let unfinished = prior.unfinished else { return }
        if change.action == .noOp || change.action == .verify { change.action = .update }
        change.reasons.append("finishes an interrupted run: \(unfinished)")
    }

    private static func isInterrupted(_ observed: ObservedResource) -> Bool {
        if case .interrupted = observed { return true }
        return false
    }

    /// Whether an attribute change only undoes drift (the config still asks for what was applied).
    private static func drifted(_ change: AttributeChange, prior: PriorResource) -> Bool {
        prior.attributes[change.name] == change.after
    }

    /// Resolves references to other resources' outputs.
    private static func resolve(
        _ desired: DesiredResource,
        planned: [ResourceAddress: Action],
        renewedOutputs: [ResourceAddress: Set<String>],
        prior: [ResourceAddress: PriorResource]
    ) -> PlanAttributes {
        var result: PlanAttributes = [:]
        for (name, value) in desired.attributes {
            switch value {
            case .known(let json):
                result[name] = .known(json)
            case .sensitive(let fingerprint):
                result[name] = .sensitive(fingerprint: fingerprint)
            case .output(let address, let output):
                let action = planned[address]
                let renewed = renewedOutputs[address].map { $0.contains(output) }
                if action == .create || (action == .replace && renewed ?? true) {
                    result[name] = .unknown
                } else {
                    result[name] = prior[address]?.outputs[output] ?? .unknown
                }
            }
        }
        return result
    }

    enum Messages {
        static func massDelete(_ deletes: Int, cap: Int) -> String {
            "the segment sync would delete \(deletes) segments, more than 'maxDeletes' (\(cap)); "
                + "raise 'maxDeletes' or pass '--allow-mass-delete' if the audiences really are gone"
        }

        static func foreign(_ description: String, address: ResourceAddress) -> String {
            "\(description) already exists but was not made by aemconf (no state row, no interrupted run); "
                + "apply would change it, so nothing is planned: rename the resource, remove the object, "
                + "or adopt it with 'aemconf import \(address) …'"
        }
    }
}
