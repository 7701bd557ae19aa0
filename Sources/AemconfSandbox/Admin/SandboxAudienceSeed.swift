import Foundation

/// `POST /_sandbox/target/audiences`: adds `count` generated audiences to a tenant in one state change, so a
/// benchmark seeds 100,000 in well under a second instead of 100,000 throttled POSTs.
///
/// Body: `{"tenant"?: id (default: the only or first tenant), "count": n, "prefix"?: name prefix,
/// "workspace"?: id (default: the tenant's default workspace)}`. Answers `{"created": n, "firstId": id, "lastId": id}`.
///
/// `POST /_sandbox/target/audiences/touch`: `{"tenant"?, "every": k, "suffix"?}` renames every k-th audience (by id)
/// with `suffix` appended and sets its `modifiedAt` to the sandbox clock; `{"id", "name"?, "description"?,
/// "workspace"?, "delete"?}` edits (or deletes) one audience. Answers `{"touched": n}`.
struct SandboxAudienceSeed: Decodable {
    var tenant: String?
    var count: Int?
    var prefix: String?
    var workspace: String?
    var every: Int?
    var suffix: String?
    var id: Int64?
    var name: String?
    var description: String?
    var delete: Bool?

    init(
        tenant: String? = nil, count: Int? = nil, prefix: String? = nil, workspace: String? = nil, every: Int? = nil,
        suffix: String? = nil
    ) {
        self.tenant = tenant
        self.count = count
        self.prefix = prefix
        self.workspace = workspace
        self.every = every
        self.suffix = suffix
    }

    enum Failure: Error, CustomStringConvertible {
        case noTenant(String?)
        case noWorkspace(String)

        var description: String {
            switch self {
            case .noTenant(let name): name.map { "no Target tenant '\($0)'" } ?? "the sandbox has no Target tenant"
            case .noWorkspace(let name): "no workspace '\(name)' in the tenant"
            }
        }
    }

    private func tenantID(in state: TargetState) throws -> String {
        if let tenant {
            guard state.tenants[tenant] != nil else { throw Failure.noTenant(tenant) }
            return tenant
        }
        guard let first = state.tenants.keys.sorted().first else { throw Failure.noTenant(nil) }
        return first
    }

    /// Adds the audiences; returns the first and last id.
    func seed(into state: inout TargetState, now: Date) throws -> (created: Int, firstID: Int64, lastID: Int64) {
        let id = try tenantID(in: state)
        guard var tenant = state.tenants[id] else { throw Failure.noTenant(id) }
        let workspaceID: String
        if let workspace {
            guard tenant.workspaces.contains(where: { $0.id == workspace || $0.name == workspace }) else {
                throw Failure.noWorkspace(workspace)
            }
            workspaceID = tenant.workspaces.first { $0.id == workspace || $0.name == workspace }?.id ?? workspace
        } else {
            guard let fallback = tenant.defaultWorkspace?.id else { throw Failure.noWorkspace("(default)") }
            workspaceID = fallback
        }
        let count = max(0, count ?? 0)
        let prefix = prefix ?? "Seeded audience"
        let rule: SandboxJSON = .object([
            "and": .array([.object(["page": .object(["url": .string("https://example.com/")])])])
        ])
        var first: Int64 = 0
        var last: Int64 = 0
        for index in 0..<count {
            let audienceID = tenant.makeAudienceID()
            if index == 0 { first = audienceID }
            last = audienceID
            tenant.put(
                TargetAudience(
                    id: audienceID, name: "\(prefix) \(audienceID)", description: "seeded", targetRule: rule,
                    workspace: workspaceID, createdAt: now
                ))
        }
        state.tenants[id] = tenant
        return (count, first, last)
    }

    /// Renames every `every`-th audience and stamps it modified now; or, with `id`, edits that one audience (`name`,
    /// `description`, `workspace`, or `delete`); returns how many.
    func touch(in state: inout TargetState, now: Date) throws -> Int {
        let id = try tenantID(in: state)
        guard var tenant = state.tenants[id] else { throw Failure.noTenant(id) }
        if let audienceID = self.id {
            if delete == true {
                let removed = tenant.remove(id: audienceID) != nil
                state.tenants[id] = tenant
                return removed ? 1 : 0
            }
            guard var audience = tenant.audiences[audienceID] else { return 0 }
            if let name { audience.name = name }
            if let description { audience.description = description }
            if let workspace {
                guard let found = tenant.workspaces.first(where: { $0.id == workspace || $0.name == workspace }) else {
                    throw Failure.noWorkspace(workspace)
                }
                audience.workspace = found.id
            }
            audience.modifiedAt = now
            tenant.put(audience)
            state.tenants[id] = tenant
            return 1
        }
        let step = max(1, every ?? 100)
        var touched = 0
        for (index, audienceID) in tenant.audiences.keys.sorted().enumerated() where index % step == 0 {
            guard var audience = tenant.audiences[audienceID] else { continue }
            audience.name += suffix ?? " (changed)"
            audience.modifiedAt = now
            tenant.put(audience)
            touched += 1
        }
        state.tenants[id] = tenant
        return touched
    }
}

/// Seeding and touching audiences in process (`aemconf-bench segments`), as the admin endpoints do.
public enum SandboxAudienceSeeding {
    /// Adds `count` audiences to `tenant` (the first tenant when `nil`); returns how many.
    public static func seed(count: Int, tenant: String?, into state: inout TargetState, now: Date) throws -> Int {
        try SandboxAudienceSeed(tenant: tenant, count: count).seed(into: &state, now: now).created
    }

    /// Renames every `every`-th audience and stamps it `now`; returns how many.
    public static func touch(every: Int, tenant: String?, in state: inout TargetState, now: Date) throws -> Int {
        try SandboxAudienceSeed(tenant: tenant, every: every).touch(in: &state, now: now)
    }
}
