/// Renders a plan for people, Terraform-like.
///
/// Drift comes first, in its own section; then one block per resource that apply acts on (`+` create,
/// `~` update, `-/+` replace, `-` delete, `?` verify) with its reasons and attributes; then the summary line;
/// then the problems that keep the plan from being applied. Secrets print as `(sensitive)` and values the
/// services hand out during apply as `(known after apply)`: a fingerprint never appears. Text that comes
/// from config or the services is escaped, so it cannot break a line or drive the terminal. With
/// `color: false` the output holds no escape code at all.
public struct PlanRenderer: Sendable {
    /// Whether to use ANSI colours.
    public var color: Bool

    /// Creates a renderer.
    public init(color: Bool) {
        self.color = color
    }

    /// The whole plan as text, ending with a newline.
    public func render(_ plan: Plan) -> String {
        var blocks: [[String]] = []
        if !plan.refreshed {
            blocks.append([Messages.notRefreshed])
        }
        if !plan.drift.isEmpty {
            blocks.append([Messages.driftHeader])
            blocks.append(plan.drift.map(driftLine))
        }
        let actionable = plan.actionableChanges
        if !actionable.isEmpty {
            blocks.append([Messages.actionsHeader])
            blocks += actionable.map(changeLines)
        }
        if !plan.segmentSyncs.isEmpty {
            blocks.append(plan.segmentSyncs.flatMap(segmentLines))
        }
        if plan.hasWork {
            blocks.append([summaryLine(plan.summary)])
        } else if plan.problems.isEmpty {
            blocks.append([plan.refreshed ? Messages.noChanges : Messages.noChangesAgainstState])
        }
        if !plan.problems.isEmpty {
            blocks.append(plan.problems.map(problemLine))
            blocks.append([Messages.cannotApply])
        }
        return blocks.map { $0.joined(separator: "\n") }.joined(separator: "\n\n") + "\n"
    }

    /// Free text from state or the services made safe for one terminal line (control characters escaped).
    public static func sanitized(_ text: String) -> String { text.planSanitized }

    /// Only the drift section (`aemconf drift`, `apply --refresh-only`): the header and one line per attribute
    /// or gone object, ending with a newline; empty without drift.
    public func renderDrift(_ drift: [Drift]) -> String {
        guard !drift.isEmpty else { return "" }
        return ([Messages.driftHeader] + drift.map(driftLine)).joined(separator: "\n") + "\n"
    }

    /// One value as the plan shows it: `(sensitive)`, `(known after apply)`, `(none)` when absent, else the value.
    public static func text(_ value: PlanValue?) -> String {
        switch value {
        case nil: "(none)"
        case .unknown?: "(known after apply)"
        case .sensitive?: "(sensitive)"
        case .known(let json)?: json.planText
        }
    }

    // MARK: - Sections

    private func driftLine(_ drift: Drift) -> String {
        let address = drift.address.description.planSanitized
        switch drift.kind {
        case .deleted:
            return "  " + paint("-", .red) + " " + bold(address) + " deleted"
        case .changed:
            let attribute = (drift.attribute ?? "").planSanitized
            return "  " + paint("~", .yellow) + " " + bold(address + "." + attribute) + ": "
                + Self.text(drift.stored) + " -> " + Self.text(drift.live)
        }
    }

    private func changeLines(_ change: PlannedChange) -> [String] {
        let symbol = change.action.symbol
        let padding = String(repeating: " ", count: max(0, 3 - symbol.count))
        var lines = [
            padding + paint(symbol, change.action.style) + " " + bold(change.address.description.planSanitized) + " "
                + Self.phrase(change.action)
        ]
        lines += change.reasons.map { "      # (" + $0.planSanitized + ")" }
        switch change.action {
        case .create:
            lines += Self.sorted(change.after).map { attributeLine("+", .green, name: $0.name, value: $0.value) }
        case .delete:
            lines += Self.sorted(change.before).map { attributeLine("-", .red, name: $0.name, value: $0.value) }
        case .update, .replace:
            lines += change.attributeChanges.map(attributeChangeLine)
        case .verify, .noOp:
            break
        }
        return lines
    }

    private func segmentLines(_ sync: SegmentSyncPlan) -> [String] {
        let symbol = sync.runs ? paint("~", .yellow) : " "
        var lines = ["  " + symbol + " " + bold(sync.address.description.planSanitized) + " " + sync.line.planSanitized]
        if let reason = sync.unknownReason { lines.append("      # (" + reason.planSanitized + ")") }
        if let forecast = sync.forecast, forecast.handAuthored > 0 {
            let shown = forecast.handAuthoredPaths.map(\.planSanitized).joined(separator: ", ")
            let more = forecast.handAuthored > forecast.handAuthoredPaths.count ? ", …" : ""
            lines.append(
                "      # (\(SegmentCounts.grouped(forecast.handAuthored)) hand-authored segment(s) under "
                    + forecast.root.planSanitized + " left untouched: " + shown + more + ")"
            )
        }
        return lines
    }

    private func attributeChangeLine(_ attribute: AttributeChange) -> String {
        var line: String
        switch (attribute.before, attribute.after) {
        case (nil, let after?):
            line = attributeLine("+", .green, name: attribute.name, value: after)
        case (let before?, nil):
            line = attributeLine("-", .red, name: attribute.name, value: before)
        default:
            line =
                "      " + paint("~", .yellow) + " " + attribute.name.planSanitized + ": "
                + Self.text(attribute.before) + " -> " + Self.text(attribute.after)
        }
        if attribute.forcesReplace {
            line += " " + paint(Messages.forcesReplacement, .red)
        }
        return line
    }

    private func attributeLine(_ symbol: String, _ style: Style, name: String, value: PlanValue) -> String {
        "      " + paint(symbol, style) + " " + name.planSanitized + " = " + Self.text(value)
    }

    private func summaryLine(_ summary: PlanSummary) -> String {
        var counts = [
            "\(summary.create) to create", "\(summary.update) to update", "\(summary.replace) to replace",
            "\(summary.delete) to delete",
        ]
        if summary.verify > 0 { counts.append("\(summary.verify) to verify") }
        return bold("Plan:") + " " + counts.joined(separator: ", ") + "."
    }

    private func problemLine(_ problem: PlanProblem) -> String {
        paint("error:", .boldRed) + " " + problem.address.description.planSanitized + ": "
            + problem.message.planSanitized
    }

    private static func phrase(_ action: Action) -> String {
        switch action {
        case .create: "will be created"
        case .update: "will be updated in place"
        case .replace: "must be replaced"
        case .delete: "will be deleted"
        case .verify: "will be verified"
        case .noOp: "is unchanged"
        }
    }

    private static func sorted(_ attributes: PlanAttributes?) -> [(name: String, value: PlanValue)] {
        (attributes ?? [:]).sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
    }

    // MARK: - Colour

    /// The ANSI styles the plan uses.
    fileprivate enum Style: String {
        case green = "32"
        case yellow = "33"
        case red = "31"
        case magenta = "35"
        case cyan = "36"
        case bold = "1"
        case boldRed = "1;31"
    }

    private func paint(_ text: String, _ style: Style) -> String {
        color ? "\u{1B}[" + style.rawValue + "m" + text + "\u{1B}[0m" : text
    }

    private func bold(_ text: String) -> String {
        paint(text, .bold)
    }

    /// Every fixed sentence of the human plan, in one place.
    private enum Messages {
        static let notRefreshed =
            "Note: the live services were not read back (refresh skipped): the plan compares the config with "
            + "state only and shows no drift."
        static let driftHeader = "Objects changed outside aemconf since the last apply:"
        static let actionsHeader = "aemconf will perform the following actions:"
        static let noChanges = "No changes. The live services match the config."
        static let noChangesAgainstState = "No changes. The state matches the config."
        static let cannotApply = "The plan cannot be applied."
        static let forcesReplacement = "# forces replacement"
    }
}

extension Action {
    /// The colour of the action's symbol.
    fileprivate var style: PlanRenderer.Style {
        switch self {
        case .create: .green
        case .update: .yellow
        case .replace: .magenta
        case .delete: .red
        case .verify: .cyan
        case .noOp: .bold
        }
    }
}
