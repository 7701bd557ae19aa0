/// Renders a plan for people: Terraform-like `+ ~ - -/+` lines, drift in its own section, secrets as
/// `(sensitive)`, values known after apply as `(known after apply)`, and a summary line.
public struct PlanRenderer: Sendable {
    /// Whether to use ANSI colours.
    public var color: Bool

    /// Creates a renderer.
    public init(color: Bool) {
        self.color = color
    }

    /// The whole plan as text.
    public func render(_ plan: Plan) -> String {
        var lines: [String] = []
        if !plan.drift.isEmpty {
            lines.append("Changes outside aemconf (drift):")
            for drift in plan.drift {
                switch drift.kind {
                case .deleted: lines.append("  \(drift.address): deleted")
                case .changed:
                    lines.append("  \(drift.address).\(drift.attribute ?? ""): \(Self.text(drift.stored)) -> \(Self.text(drift.live))")
                }
            }
            lines.append("")
        }
        for problem in plan.problems { lines.append("error: \(problem)") }
        let actionable = plan.actionableChanges
        if actionable.isEmpty, plan.problems.isEmpty {
            lines.append("No changes. The live services match the config.")
            return lines.joined(separator: "\n") + "\n"
        }
        for change in actionable {
            lines.append("  \(change.action.symbol) \(change.address)\(change.reasons.isEmpty ? "" : " (" + change.reasons.joined(separator: "; ") + ")")")
            for attribute in change.attributeChanges {
                lines.append("      \(attribute.name): \(Self.text(attribute.before)) -> \(Self.text(attribute.after))")
            }
        }
        let summary = plan.summary
        lines.append("")
        lines.append("Plan: \(summary.create) to create, \(summary.update) to update, \(summary.replace) to replace, \(summary.delete) to delete.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// One value as the plan shows it.
    public static func text(_ value: PlanValue?) -> String {
        switch value {
        case nil: "(none)"
        case .unknown?: "(known after apply)"
        case .sensitive?: "(sensitive)"
        case .known(let json)?: json.planText
        }
    }
}
