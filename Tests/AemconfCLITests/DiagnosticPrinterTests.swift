@testable import AemconfCLI
import AemconfModel
import Testing

@Suite struct DiagnosticPrinterTests {
    let file = "conf.yaml"
    let source = """
        aem:
          password: hunter2
        \tkey: {token: s3cr3t, other: x, passwd: "${env:P}"}
        x: é
        """

    func printer(color: Bool = false) -> DiagnosticPrinter {
        let source = self.source
        return DiagnosticPrinter(terminal: Terminal(usesColor: color)) { _ in source }
    }

    func diagnostic(_ line: Int, _ column: Int, _ message: String = "problem") -> Diagnostic {
        Diagnostic(
            severity: .error, code: .unknownKey, message: message,
            location: SourceLocation(file: file, line: line, column: column))
    }

    @Test func printsHeaderLineAndCaret() {
        var printer = printer()
        let text = printer.render([diagnostic(4, 4, "unknown key 'x'")], sensitiveRanges: [])
        #expect(text == "conf.yaml:4:4: error: unknown key 'x'\nx: é\n   ^\n")
    }

    @Test func keepsTabsUnderTheCaret() {
        var printer = printer()
        let text = printer.render([diagnostic(3, 3)], sensitiveRanges: [])
        #expect(text.hasSuffix("\t ^\n"))
    }

    @Test func masksMarkedRangesAndMovesTheCaret() {
        var printer = printer()
        let range = SourceRange(
            start: SourceLocation(file: file, line: 2, column: 13),
            end: SourceLocation(file: file, line: 2, column: 20)
        )
        let text = printer.render([diagnostic(2, 13)], sensitiveRanges: [range])
        #expect(text == "conf.yaml:2:13: error: problem\n  password: (sensitive)\n            ^\n")
        #expect(!text.contains("hunter2"))
    }

    @Test func masksSecretLookingValuesOnAnyQuotedLine() {
        var printer = printer()
        let text = printer.render([diagnostic(3, 23)], sensitiveRanges: [])
        #expect(text.contains("\tkey: {token: (sensitive), other: x, passwd: \"${env:P}\"}\n"))
        #expect(!text.contains("s3cr3t"))
        // 'other' moved right by the length difference between the mask and the secret.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let caret = lines[2]
        let quoted = Array(lines[1].unicodeScalars)
        #expect(quoted[caret.unicodeScalars.count - 1] == "o")
    }

    @Test func coloursOnlyWhenAsked() {
        var plain = printer()
        var coloured = printer(color: true)
        #expect(!plain.render([diagnostic(1, 1)], sensitiveRanges: []).contains("\u{1B}["))
        #expect(coloured.render([diagnostic(1, 1)], sensitiveRanges: []).contains("\u{1B}[1;31merror:"))
    }

    @Test func colourDecision() {
        #expect(Terminal.allowsColor(noColor: false, environment: [:], isTTY: true))
        #expect(!Terminal.allowsColor(noColor: true, environment: [:], isTTY: true))
        #expect(!Terminal.allowsColor(noColor: false, environment: ["NO_COLOR": "1"], isTTY: true))
        #expect(Terminal.allowsColor(noColor: false, environment: ["NO_COLOR": ""], isTTY: true))
        #expect(!Terminal.allowsColor(noColor: false, environment: [:], isTTY: false))
    }

    @Test func jsonHasTheDocumentedKeys() {
        let json = DiagnosticPrinter.json([diagnostic(2, 3, "a 'b'")])
        #expect(json.contains("\"code\" : \"config.unknown-key\""))
        #expect(json.contains("\"file\" : \"conf.yaml\""))
        #expect(json.contains("\"line\" : 2"))
        #expect(json.contains("\"column\" : 3"))
        #expect(json.contains("\"severity\" : \"error\""))
        #expect(json.contains("\"message\" : \"a 'b'\""))
        #expect(DiagnosticPrinter.json([]) == "[\n\n]" || DiagnosticPrinter.json([]) == "[]")
    }

    @Test func linesSplitLikeYAML() {
        #expect(DiagnosticPrinter.lines("a\r\nb\rc\nd") == ["a", "b", "c", "d"])
    }

    @Test func summaries() {
        #expect(DiagnosticPrinter.summary(errors: 1, warnings: 0) == "1 error")
        #expect(DiagnosticPrinter.summary(errors: 2, warnings: 1) == "2 errors and 1 warning")
        #expect(DiagnosticPrinter.summary(errors: 0, warnings: 3) == "3 warnings")
    }
}
