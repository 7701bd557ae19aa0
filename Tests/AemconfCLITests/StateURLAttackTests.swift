@testable import AemconfCLI
import Testing

/// Finding 3: a password written in `--state` is visible in `ps`; the command warns and says what to use instead.
@Suite struct StateURLAttackTests {
    @Test func aPasswordOnTheCommandLineIsWarnedAbout() {
        for url in [
            "postgres://aem:pw@db.example/state",
            "postgres://aem:S3cr#t@db.example/state",
            "postgres://aem@db.example/state?password=pw",
        ] {
            let warnings = StateOptions.commandLineWarnings(location: url)
            #expect(warnings.count == 1, "\(url)")
            #expect(warnings.first?.contains("PGPASSWORD") == true)
            #expect(warnings.first?.contains("pw") == false)
        }
        #expect(StateOptions.commandLineWarnings(location: "postgres://aem@db.example/state").isEmpty)
        #expect(StateOptions.commandLineWarnings(location: nil).isEmpty)
    }
}
