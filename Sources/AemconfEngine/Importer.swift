import AemconfModel
import AemconfPlanner
import AemconfResources
import AemconfState
import Foundation

/// `aemconf import ADDRESS ID`: adopts an object made by hand into state, as Terraform's `import` does.
///
/// The address must be in the config (its block says what the object should look like); the row is built from
/// the live object and, for what the services never reveal, from the config's resolved values, then committed
/// through the run's journal under the state lock. A following plan compares the config with the live values:
/// no changes when they match.
public enum Importer {
    /// The attributes `address` is desired with, references to other resources' outputs resolved from state.
    ///
    /// Throws when the address is not in the config, is already in state, when `id` already belongs to another
    /// row, or when a resource it refers to is not in state yet (import that one first).
    public static func desiredAttributes(
        of address: ResourceAddress,
        id: String,
        context: DriverContext,
        snapshot: StateSnapshot
    ) throws -> PlanAttributes {
        let stored = try Engine.storedResources(snapshot)
        if stored[address] != nil { throw ImportError.alreadyManaged(address) }
        let normalized = ResourceDrivers.normalizedImportID(id, kind: address.kind)
        if let owner = stored.values.first(where: {
            $0.address.kind == address.kind && ResourceDrivers.importID(of: $0) == normalized
        }) {
            throw ImportError.ownedByAnother(address, id: id, owner: owner.address)
        }
        let desired = try Engine.desiredState(
            context.config.config, fingerprinter: context.fingerprinter, resolveSecret: context.resolveSecret,
            readFile: context.readFile
        )
        guard let resource = desired.resources.first(where: { $0.address == address }) else {
            throw ImportError.notInConfig(address)
        }
        let plan = Planner.plan(
            PlannerInput(
                desired: [resource], prior: stored.values.map(\.prior), observed: nil, toolVersion: "",
                createdAt: Date()
            )
        )
        let after = plan.changes.first { $0.address == address }?.after ?? [:]
        for (name, value) in after where value == .unknown {
            if case .output(let dependency, _)? = resource.attributes[name] {
                throw ImportError.dependencyNotImported(address, dependency: dependency.description)
            }
        }
        return after
    }

    /// Adopts `id` as `address` and commits its row through `context.journal`.
    public static func adopt(
        _ address: ResourceAddress,
        id: String,
        context: DriverContext,
        snapshot: StateSnapshot
    ) async throws {
        let after = try desiredAttributes(of: address, id: id, context: context, snapshot: snapshot)
        try await ResourceDrivers(context: context).adopt(
            address, id: ResourceDrivers.normalizedImportID(id, kind: address.kind), after: after)
    }
}
