import AemconfModel
import AemconfPlanner
import Foundation
import Testing

/// The human plan: compared with checked-in snapshots, and kept free of secrets and stray escape codes.
struct PlanRendererTests {
    static let escape: Character = "\u{1B}"

    @Test func representativePlanMatchesTheSnapshot() {
        Snapshot.expect(PlanRenderer(color: false).render(PlanFixtures.representative), matches: "plan.txt")
    }

    /// The colour snapshot shows each ESC as `\e`, so the file reads (and diffs) as text.
    @Test func representativePlanInColourMatchesTheSnapshot() {
        let rendered = PlanRenderer(color: true).render(PlanFixtures.representative)
        Snapshot.expect(rendered.replacingOccurrences(of: "\u{1B}", with: "\\e"), matches: "plan.color.txt")
    }

    @Test func colourOutputIsThePlainOutputWithEscapeCodes() {
        let plan = PlanFixtures.representative
        let coloured = PlanRenderer(color: true).render(plan)
        let stripped = coloured.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        #expect(stripped == PlanRenderer(color: false).render(plan))
        #expect(coloured.contains("\u{1B}[32m+\u{1B}[0m \u{1B}[1mioIntegrations.target-prod\u{1B}[0m will be created"))
        #expect(coloured.contains("\u{1B}[35m-/+\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[33m~\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[31m-\u{1B}[0m"))
    }

    @Test(arguments: PlanFixtures.plannerShapes.map(\.name))
    func plainOutputHasNoEscapeByte(shape: String) throws {
        let plan = try #require(PlanFixtures.plannerShapes.first { $0.name == shape }?.plan)
        #expect(!PlanRenderer(color: false).render(plan).contains(Self.escape))
    }

    @Test(arguments: PlanFixtures.plannerShapes.map(\.name))
    func noFingerprintInTheOutput(shape: String) throws {
        let plan = try #require(PlanFixtures.plannerShapes.first { $0.name == shape }?.plan)
        for color in [false, true] {
            let text = PlanRenderer(color: color).render(plan)
            #expect(!text.contains(PlanFixtures.fingerprint))
            #expect(!text.contains(PlanFixtures.newFingerprint))
        }
    }

    @Test func secretsAndUnknownsHaveTheirPlaceholders() {
        let text = PlanRenderer(color: false).render(PlanFixtures.representative)
        #expect(text.contains("      + clientSecret = (sensitive)\n"))
        #expect(text.contains("      + clientId = (known after apply)\n"))
        #expect(text.contains("      ~ clientSecret: (sensitive) -> (sensitive)\n"))
        #expect(PlanRenderer.text(.sensitive(fingerprint: PlanFixtures.fingerprint)) == "(sensitive)")
        #expect(PlanRenderer.text(.unknown) == "(known after apply)")
        #expect(PlanRenderer.text(nil) == "(none)")
    }

    @Test func valuesAreShownAsCompactJSONLikeText() {
        #expect(PlanRenderer.text(.known(.number(3))) == "3")
        #expect(PlanRenderer.text(.known(.number(-0.5))) == "-0.5")
        #expect(PlanRenderer.text(.known(.null)) == "null")
        #expect(PlanRenderer.text(.known(.array([]))) == "[]")
        #expect(
            PlanRenderer.text(.known(.object(["b": .bool(false), "a-1": .number(1), "x y": .null])))
                == #"{a-1 = 1, b = false, "x y" = null}"#)
        #expect(PlanRenderer.text(.known(.string("say \"hi\"\\"))) == #""say \"hi\"\\""#)
    }

    @Test func textFromOutsideCannotBreakALineOrDriveTheTerminal() {
        let hostile = "evil\u{1B}[2J\nerror: forged\u{202E}"
        var plan = PlanFixtures.representative
        plan.changes = [
            PlannedChange(
                address: PlanFixtures.wknd,
                action: .update,
                attributeChanges: [
                    AttributeChange(name: "title", before: .known(.string("a")), after: .known(.string(hostile)))
                ],
                reasons: [hostile]
            )
        ]
        plan.drift = []
        plan.problems = [PlanProblem(address: PlanFixtures.foreign, message: hostile)]
        let text = PlanRenderer(color: false).render(plan)
        #expect(!text.contains(Self.escape))
        #expect(!text.contains("\u{202E}"))
        #expect(!text.contains("\nerror: forged"))
        #expect(text.contains(#"~ title: "a" -> "evil\u{1B}[2J\nerror: forged\u{202E}""#))
        #expect(text.contains(#"# (evil\u{1B}[2J\nerror: forged\u{202E})"#))
    }

    @Test func noChangesSaysSo() throws {
        let plan = try #require(PlanFixtures.plannerShapes.first { $0.name == "noChanges" }?.plan)
        #expect(PlanRenderer(color: false).render(plan) == "No changes. The live services match the config.\n")
        #expect(PlanRenderer(color: true).render(plan) == "No changes. The live services match the config.\n")
    }

    @Test func driftWithoutChangesIsStillShown() {
        var plan = PlanFixtures.representative
        plan.changes = []
        plan.problems = []
        plan.segmentSyncs = []
        #expect(
            PlanRenderer(color: false).render(plan) == """
                Objects changed outside aemconf since the last apply:

                  ~ targetCloudServices.wknd.title: "WKND" -> "Hacked"
                  - imsConfigurations.legacy deleted

                No changes. The live services match the config.

                """
        )
    }

    @Test func aPlanWithoutRefreshSaysWhatItComparedWith() throws {
        let plan = try #require(PlanFixtures.plannerShapes.first { $0.name == "notRefreshed" }?.plan)
        let text = PlanRenderer(color: false).render(plan)
        #expect(text.hasPrefix("Note: the live services were not read back"))
        var unchanged = plan
        unchanged.changes = []
        #expect(
            PlanRenderer(color: false).render(unchanged).hasSuffix("\n\nNo changes. The state matches the config.\n"))
    }

    @Test func verifyCountIsMentionedOnlyWhenThereIsOne() throws {
        let verify = try #require(PlanFixtures.plannerShapes.first { $0.name == "verify" }?.plan)
        #expect(
            PlanRenderer(color: false).render(verify).contains(
                "Plan: 0 to create, 0 to update, 0 to replace, 0 to delete, 3 to verify.\n"))
        let update = try #require(PlanFixtures.plannerShapes.first { $0.name == "update" }?.plan)
        #expect(
            PlanRenderer(color: false).render(update).contains(
                "Plan: 0 to create, 1 to update, 0 to replace, 0 to delete.\n"))
    }

    @Test func problemsComeLastAndEndWithTheRefusal() throws {
        let plan = try #require(PlanFixtures.plannerShapes.first { $0.name == "foreign" }?.plan)
        let text = PlanRenderer(color: false).render(plan)
        #expect(text.contains("error: targetCloudServices.wknd: target cloud service 'wknd' already exists"))
        #expect(text.hasSuffix("\n\nThe plan cannot be applied.\n"))
        #expect(!text.contains("No changes."))
    }
}

/// The Markdown plan (`aemconf show --markdown`): a checked-in snapshot, no secret, no markup from values.
struct PlanMarkdownTests {
    @Test func representativePlanMatchesTheSnapshot() {
        Snapshot.expect(PlanMarkdown.render(PlanFixtures.representative), matches: "plan.md")
    }

    @Test(arguments: PlanFixtures.plannerShapes.map(\.name))
    func noFingerprintInTheOutput(shape: String) throws {
        let plan = try #require(PlanFixtures.plannerShapes.first { $0.name == shape }?.plan)
        let text = PlanMarkdown.render(plan)
        #expect(!text.contains(PlanFixtures.fingerprint))
        #expect(!text.contains(PlanFixtures.newFingerprint))
        #expect(!text.contains("\u{1B}"))
    }

    @Test func valuesCannotInjectMarkupOrCloseTheFence() {
        var plan = PlanFixtures.representative
        let hostile = "</details><script>x</script>|```"
        plan.changes[0].reasons = [hostile]
        if var after = plan.changes[0].after {
            after["title"] = .known(.string(hostile))
            plan.changes[0].after = after
        }
        let text = PlanMarkdown.render(plan)
        // Outside fenced blocks the hostile text is escaped; inside one it is literal code.
        var fenced = false
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("```") { fenced.toggle() }
            if !fenced { #expect(!line.contains("<script>"), "\(line)") }
        }
        #expect(text.contains("&lt;/details&gt;&lt;script&gt;"))
        #expect(text.contains("````diff"), "the fence is longer than any backtick run in the block")
        let lines = text.components(separatedBy: "\n")
        #expect(lines.filter { $0 == "</details>" }.count == lines.filter { $0.hasPrefix("<details>") }.count)
    }
}
