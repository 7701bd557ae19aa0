@testable import AemconfCLI
import AemconfModel
import AemconfTestSupport
import Foundation
import Testing

/// Finding 6 of the security review: credentials written in the wrong place (a URL's user-info, a secret field
/// written as a list or a mapping) must not be echoed by `validate` — not in the message, the quoted source line
/// or `--json`.
@Suite struct ValidateEchoAttackTests {
    static let password = "Pw0nd3r-9931"

    func printed(_ config: String) throws -> String {
        let directory = NSTemporaryDirectoryPath.make()
        defer { NSTemporaryDirectoryPath.remove(directory) }
        let file = directory + "/aemconf.yaml"
        NSTemporaryDirectoryPath.write(Array(config.utf8), to: file)
        var all = ""
        for arguments in [[file], [file, "--json"]] {
            let command = try ValidateCommand.parse(arguments)
            let outcome = command.execute(
                terminal: Terminal(usesColor: false), secretResolver: SecretResolver(environment: [:]) { _ in nil })
            #expect(outcome.exitCode == 1)
            all += outcome.standardOutput + outcome.standardError
        }
        return all
    }

    func config(
        url: String = "https://author.example.com", password: String = "${env:AEM_PASSWORD}",
        authorization: String = "https://ims-na1.adobelogin.com"
    ) -> String {
        """
        version: 1
        aem:
          url: \(url)
          username: admin
          password: \(password)
        adobe:
          imsOrg: 0123456789ABCDEF01234567@AdobeOrg
          console:
            token: ${env:TOKEN}
            project: aem-target
        ioIntegrations:
          target-prod:
            name: aem-target-prod
            productProfiles: [Default Workspace]
        imsConfigurations:
          target-prod:
            title: Adobe Target (prod)
            authorizationServer: \(authorization)
            integration: target-prod
        """
    }

    @Test func aURLWithUserInfoIsMaskedEverywhere() throws {
        for url in [
            "https://admin:\(Self.password)@author.example.com",
            "https://admin:\(Self.password)@author.example.com:4502/x",
            "https://admin:p@ss\(Self.password)@author.example.com",
        ] {
            let output = try printed(config(url: url))
            #expect(output.contains("credentials do not belong in a URL"))
            #expect(!output.contains(Self.password), "\(output)")
            #expect(!output.contains("admin:"))
        }
        let output = try printed(config(authorization: "https://client:\(Self.password)@ims.example"))
        #expect(!output.contains(Self.password))
    }

    @Test func aSecretWrittenAsAListOrAMappingIsMasked() throws {
        for password in [
            "[\(Self.password), other]", "{value: \(Self.password)}", "\n    - \(Self.password)\n    - second",
            "\n    value: \(Self.password)\n    again: \(Self.password)",
        ] {
            let output = try printed(config(password: password))
            #expect(output.contains("expected a secret reference"))
            #expect(!output.contains(Self.password), "\(output)")
        }
    }
}
