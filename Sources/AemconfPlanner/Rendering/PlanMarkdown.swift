import AemconfModel
import Foundation

/// Renders a plan as GitHub/GitLab-flavoured Markdown for a CI job summary or a merge-request note
/// (`aemconf show PLANFILE --markdown`).
///
/// A heading with the counts, the drift as a table, one table row per resource apply acts on, each resource's
/// attributes in a collapsed `diff` block, then the problems. Secrets print as `(sensitive)`; text from config or
/// the services is HTML-escaped in tables and kept inside a fence longer than any backtick run it holds, so it
/// can neither break the layout nor inject markup.
public enum PlanMarkdown {
    /// The whole plan, ending with a newline.
    public static func render(_ plan: Plan) -> String {
        var sections: [String] = [heading(plan), provenance(plan)]
        if !plan.refreshed {
            sections.append(
                "> **Note:** the live services were not read back; the plan compares the config with state only.")
        }
        if !plan.drift.isEmpty {
            var lines = [
                "#### Changed outside aemconf", "", "| object | attribute | as last applied | live |",
                "|---|---|---|---|",
            ]
            for drift in plan.drift {
                let attribute = drift.kind == .deleted ? "*(deleted)*" : code(drift.attribute ?? "")
                lines.append(
                    "| \(code(drift.address.description)) | \(attribute) | \(code(PlanRenderer.text(drift.stored))) | "
                        + "\(code(drift.kind == .deleted ? "(gone)" : PlanRenderer.text(drift.live))) |"
                )
            }
            sections.append(lines.joined(separator: "\n"))
        }
        let actionable = plan.actionableChanges
        if !actionable.isEmpty {
            var lines = ["#### Changes", "", "| | resource | action | why |", "|---|---|---|---|"]
            for change in actionable {
                let reasons = change.reasons.map(cell).joined(separator: "; ")
                lines.append(
                    "| \(code(change.action.symbol)) | \(code(change.address.description)) | "
                        + "\(change.action.rawValue) | \(reasons) |"
                )
            }
            sections.append(lines.joined(separator: "\n"))
            sections += actionable.compactMap(details)
        } else if plan.problems.isEmpty {
            sections.append(
                plan.refreshed
                    ? "No changes. The live services match the config." : "No changes. The state matches the config.")
        }
        if !plan.problems.isEmpty {
            let lines = plan.problems.map { "- **error** \(code($0.address.description)): \(cell($0.message))" }
            sections.append((["#### The plan cannot be applied", ""] + lines).joined(separator: "\n"))
        }
        return sections.joined(separator: "\n\n") + "\n"
    }

    private static func heading(_ plan: Plan) -> String {
        let summary = plan.summary
        if !plan.isApplyable {
            return
                "### aemconf plan: cannot be applied (\(plan.problems.count) "
                + "problem\(plan.problems.count == 1 ? "" : "s"))"
        }
        guard !plan.actionableChanges.isEmpty else { return "### aemconf plan: no changes" }
        var counts = [
            "\(summary.create) to create", "\(summary.update) to update", "\(summary.replace) to replace",
            "\(summary.delete) to delete",
        ]
        if summary.verify > 0 { counts.append("\(summary.verify) to verify") }
        return "### aemconf plan: " + counts.joined(separator: ", ")
    }

    private static func provenance(_ plan: Plan) -> String {
        "<sub>workspace \(code(plan.workspace)), state serial \(plan.serial), made "
            + "\(ISO8601Timestamp.string(from: plan.createdAt)) "
            + "by aemconf \(cell(plan.toolVersion))</sub>"
    }

    /// The attributes of one change in a collapsed `diff` block; `nil` when there is nothing to list.
    private static func details(_ change: PlannedChange) -> String? {
        var lines: [String] = []
        switch change.action {
        case .create:
            lines = (change.after ?? [:]).sorted { $0.key < $1.key }.map {
                "+ \($0.key.planSanitized) = \(PlanRenderer.text($0.value))"
            }
        case .delete:
            lines = (change.before ?? [:]).sorted { $0.key < $1.key }.map {
                "- \($0.key.planSanitized) = \(PlanRenderer.text($0.value))"
            }
        case .update, .replace:
            for attribute in change.attributeChanges {
                let name = attribute.name.planSanitized
                let suffix = attribute.forcesReplace ? "   # forces replacement" : ""
                if attribute.before != nil {
                    lines.append("- \(name) = \(PlanRenderer.text(attribute.before))\(suffix)")
                }
                if attribute.after != nil { lines.append("+ \(name) = \(PlanRenderer.text(attribute.after))\(suffix)") }
            }
        case .verify, .noOp:
            return nil
        }
        guard !lines.isEmpty else { return nil }
        let body = lines.joined(separator: "\n")
        let fence = String(repeating: "`", count: max(3, longestBacktickRun(body) + 1))
        return """
            <details><summary>\(code(change.address.description)) \(change.action.rawValue)</summary>

            \(fence)diff
            \(body)
            \(fence)

            </details>
            """
    }

    /// Text for a table cell or a line: one line, HTML special characters, pipes and Markdown emphasis escaped.
    static func cell(_ text: String) -> String {
        escaped(text, extra: ["`": "&#96;", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]", "\\": "\\\\"])
    }

    /// Inline code that survives any content (HTML `<code>` with escaped text).
    static func code(_ text: String) -> String {
        "<code>" + escaped(text, extra: [:]) + "</code>"
    }

    /// `text` on one line (``String/planSanitized``) with `&`, `<`, `>`, `|` and the `extra` characters replaced.
    private static func escaped(_ text: String, extra: [Character: String]) -> String {
        var result = ""
        for character in text.planSanitized {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "|": result += "&#124;"
            default: result += extra[character] ?? String(character)
            }
        }
        return result
    }

    private static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0
        var current = 0
        for character in text {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}
