@testable import AemconfModel
import Testing

@Suite struct ValueFormatTests {
    @Test(arguments: [
        "https://author.example.com", "http://localhost:4502", "https://ims-na1.adobelogin.com/",
        "http://127.0.0.1:8080/x?y#z",
        "https://[::1]:443", "https://münchen.example",
    ])
    func acceptsURLs(_ url: String) {
        #expect(ValueFormat.urlProblem(url) == nil)
    }

    @Test(arguments: [
        "ftp://x.example.com", "https://", "https://a b", "https://host:0", "https://host:65536", "https://host:x",
        "https://user:pw@host", "author.example.com", "https://.example.com", "https://[::1",
    ])
    func rejectsURLs(_ url: String) {
        #expect(ValueFormat.urlProblem(url) != nil)
    }

    @Test func orgIDs() {
        #expect(ValueFormat.isOrgID("0123456789ABCDEF01234567@AdobeOrg"))
        #expect(ValueFormat.isOrgID("0123456789abcdef01234567@AdobeOrg"))
        #expect(!ValueFormat.isOrgID("0123456789ABCDEF0123456G@AdobeOrg"))
        #expect(!ValueFormat.isOrgID("0123456789ABCDEF01234567@adobeorg"))
        #expect(!ValueFormat.isOrgID("0123456789ABCDEF01234567"))
    }

    @Test func names() {
        #expect(ValueFormat.isName("target-prod_2"))
        #expect(!ValueFormat.isName("Target"))
        #expect(!ValueFormat.isName("-x"))
        #expect(!ValueFormat.isName(String(repeating: "a", count: 64)))
        #expect(ValueFormat.isConsoleName("Default Workspace"))
        #expect(!ValueFormat.isConsoleName("ab"))
        #expect(ValueFormat.isIdentifier("wknd_client-1"))
        #expect(!ValueFormat.isIdentifier("wknd client"))
    }

    @Test func suggestions() {
        #expect(KeySuggestion.closest(to: "clinetCode", in: ["clientCode", "title"]) == "clientCode")
        #expect(KeySuggestion.closest(to: "colour", in: ["clientCode", "title"]) == nil)
        #expect(KeySuggestion.editDistance(Array("ab".unicodeScalars), Array("ba".unicodeScalars)) == 1)
    }

    @Test func variableNames() {
        let subject = DiagnosticSubject(base: .resource(.imsConfiguration, "target-prod"), field: nil)
        #expect(DecodingContext.variableName(key: "clientSecret", subject: subject) == "TARGET_PROD_CLIENT_SECRET")
        #expect(
            DecodingContext.variableName(
                key: "token", subject: DiagnosticSubject.root.nested("adobe").nested("console"))
                == "ADOBE_CONSOLE_TOKEN")
    }
}
