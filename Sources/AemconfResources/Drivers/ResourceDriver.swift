import AemconfModel
import AemconfPlanner

/// One kind's driver: the only code that knows how that kind's objects live in the services.
///
/// ``apply(_:)`` dispatches a planned change; drivers implement the three operations it needs.
protocol ResourceDriver: Sendable {
    /// The resource the driver works on.
    var address: ResourceAddress { get }
    /// The run's context.
    var context: DriverContext { get }
    /// Makes the remote objects match `change.after` (create, update, replace, or resume an interrupted create),
    /// reads back, verifies and commits the row.
    func converge(_ change: PlannedChange, prior: StoredResource?) async throws
    /// Deletes the remote objects of `prior` and removes the row.
    func delete(_ prior: StoredResource) async throws
    /// Verifies an unchanged resource (`--verify`) and records when.
    func verify(_ prior: StoredResource) async throws
    /// Removes what a rotation or migration retired, once the resources that depend on this one finished
    /// (``Applier`` calls it after the dependency walk). Most kinds retire nothing.
    func finish() async throws
}

extension ResourceDriver {
    func finish() async throws {}
}

extension ResourceDriver {
    /// Runs one planned change.
    func apply(_ change: PlannedChange) async throws {
        let prior = await context.journal.current(address)
        switch change.action {
        case .delete:
            if let prior { try await delete(prior) }
        case .noOp:
            return
        case .verify:
            if let prior { try await verify(prior) }
        case .create, .update, .replace:
            try await converge(change, prior: prior)
        }
    }
}
