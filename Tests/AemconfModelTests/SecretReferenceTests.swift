@testable import AemconfModel
import Testing

@Suite struct SecretReferenceTests {
    @Test func parsesTheTwoForms() {
        #expect(
            SecretReference.parse("${env:AEM_PASSWORD}", baseDirectory: "conf")
                == .reference(.environment("AEM_PASSWORD")))
        #expect(
            SecretReference.parse("${file:secret.txt}", baseDirectory: "conf") == .reference(.file("conf/secret.txt")))
        #expect(SecretReference.parse("${file:/run/secret}", baseDirectory: "conf") == .reference(.file("/run/secret")))
        #expect(SecretReference.parse("${file:secret.txt}", baseDirectory: "") == .reference(.file("secret.txt")))
    }

    @Test(arguments: ["${env:}", "${env:1ABC}", "${env:A-B}", "${vault:x}", "${file:}", "${env:A", "${AEM_PASSWORD}"])
    func rejectsMalformedReferences(_ text: String) {
        #expect(SecretReference.parse(text, baseDirectory: "") == .malformedReference)
    }

    @Test(arguments: ["hunter2", "", "$AEM_PASSWORD", "{env:X}"])
    func treatsEverythingElseAsALiteral(_ text: String) {
        #expect(SecretReference.parse(text, baseDirectory: "") == .literal)
    }

    @Test func descriptionIsTheReferenceNeverAValue() {
        let reference = SecretReference(source: .environment("X"), location: .unknown)
        #expect("\(reference)" == "${env:X}")
    }
}

@Suite struct SecretResolverTests {
    let reference = SecretReference(source: .environment("TOKEN"), location: .unknown)
    let file = SecretReference(source: .file("/secrets/token"), location: .unknown)

    @Test func resolvesEnvironmentVariables() throws {
        let resolver = SecretResolver(environment: ["TOKEN": "abc"]) { _ in nil }
        #expect(try resolver.resolve(reference).revealed == "abc")
        #expect(throws: SecretResolutionError(code: .environmentVariableUnset, reference: reference)) {
            try SecretResolver(environment: ["TOKEN": ""]) { _ in nil }.resolve(reference)
        }
    }

    @Test func resolvesFilesWithoutTheTrailingNewline() throws {
        #expect(try SecretResolver(environment: [:]) { _ in "abc\n" }.resolve(file).revealed == "abc")
        #expect(try SecretResolver(environment: [:]) { _ in "abc\r\n" }.resolve(file).revealed == "abc")
        #expect(try SecretResolver(environment: [:]) { _ in "a\nb" }.resolve(file).revealed == "a\nb")
        #expect(throws: SecretResolutionError(code: .fileEmpty, reference: file)) {
            try SecretResolver(environment: [:]) { _ in "\n" }.resolve(file)
        }
        #expect(throws: SecretResolutionError(code: .fileUnreadable, reference: file)) {
            try SecretResolver(environment: [:]) { _ in nil }.resolve(file)
        }
    }

    @Test func errorsNameTheReferenceNotTheValue() {
        let error = SecretResolutionError(code: .environmentVariableUnset, reference: reference)
        #expect(error.description == "environment variable 'TOKEN' is not set")
    }
}
