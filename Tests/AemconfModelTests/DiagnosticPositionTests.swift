import AemconfModel
import AemconfTestSupport
import Testing

/// Marked-position fixtures: one (or more) per diagnostic kind. A marker (`1️⃣`) stands just before the
/// character the diagnostic must point at; every expected diagnostic must be there, and no other error.
@Suite struct DiagnosticPositionTests {
    struct Expectation: Sendable {
        var marker: String
        var code: DiagnosticCode
        var severity: Severity = .error
        var message: String
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String
        var withConnections = true
        var expected: [Expectation]
        var testDescription: String { name }
    }

    static let resources = """
        ioIntegrations:
          prod: {name: aem-target-prod}
        imsConfigurations:
          prod: {title: Prod, integration: prod}

        """

    static let cases: [Case] = [
        Case(
            name: "unknown key in a block mapping, with a suggestion",
            yaml: """
                version: 1
                \(resources)targetCloudServices:
                  wknd:
                    title: WKND
                    clientCode: wkndclient
                    1️⃣clinetCode: wkndclient
                    imsConfiguration: prod
                    segmentSync: {mode: aem}
                """,
            expected: [
                .init(
                    marker: "1️⃣",
                    code: .unknownKey,
                    message: "unknown key 'clinetCode' in target cloud service 'wknd'; did you mean 'clientCode'?"
                )
            ]
        ),
        Case(
            name: "unknown key inside a flow mapping",
            yaml: """
                version: 1
                \(resources)targetCloudServices:
                  wknd: {title: WKND, clientCode: w, imsConfiguration: prod, segmentSync: {mode: aem, 1️⃣prun: true}}
                """,
            expected: [
                .init(
                    marker: "1️⃣",
                    code: .unknownKey,
                    message: "unknown key 'prun' in 'segmentSync' of target cloud service 'wknd'; did you mean 'prune'?"
                )
            ]
        ),
        Case(
            name: "unknown key merged with '<<' points at the text that defined it",
            yaml: """
                version: 1
                x-defaults: &defaults
                  apiType: rest
                  1️⃣acurateTargeting: true
                \(resources)targetCloudServices:
                  wknd:
                    <<: *defaults
                    title: WKND
                    clientCode: w
                    imsConfiguration: prod
                    segmentSync: {mode: aem}
                """,
            expected: [
                .init(
                    marker: "1️⃣",
                    code: .unknownKey,
                    message:
                        "unknown key 'acurateTargeting' in target cloud service 'wknd'; did you mean 'accurateTargeting'?"
                )
            ]
        ),
        Case(
            name: "wrong type: a quoted boolean",
            yaml: """
                version: 1
                \(resources)targetCloudServices:
                  wknd:
                    title: WKND
                    clientCode: w
                    imsConfiguration: prod
                    accurateTargeting: 1️⃣"yes"
                    segmentSync: {mode: aem}
                """,
            expected: [
                .init(
                    marker: "1️⃣",
                    code: .wrongType,
                    message:
                        "expected a boolean ('true' or 'false') for 'accurateTargeting' in target cloud service 'wknd', found the string 'yes'; write 'true'"
                )
            ]
        ),
        Case(
            name: "wrong type: a list where a resource collection belongs",
            yaml: """
                version: 1
                imsConfigurations: 1️⃣[prod]
                """,
            expected: [
                .init(
                    marker: "1️⃣",
                    code: .wrongType,
                    message: "expected a mapping of names to ims configurations for 'imsConfigurations'"
                )
            ]
        ),
        Case(
            name: "wrong type: a folded multi-line scalar where a number belongs",
            yaml: """
                version: 1
                \(resources)targetCloudServices:
                  wknd:
                    title: WKND
                    clientCode: w
                    imsConfiguration: prod
                    segmentSync:
                      maxDeletes: 1️⃣>
                        fifty
                        at most
                      prune: 2️⃣maybe
                """,
            expected: [
                .init(
                    marker: "1️⃣",
                    code: .wrongType,
                    message:
                        "expected a whole number for 'maxDeletes' in 'segmentSync' of target cloud service 'wknd', found the string 'fifty at most\\n'"
                ),
                .init(
                    marker: "2️⃣",
                    code: .wrongType,
                    message:
                        "expected a boolean ('true' or 'false') for 'prune' in 'segmentSync' of target cloud service 'wknd', found the string 'maybe'"
                ),
            ]
        ),
        Case(
            name: "positions after a literal block scalar stay exact",
            yaml: """
                version: 1
                ioIntegrations:
                  prod:
                    name: aem-target-prod
                    description: |
                      line one
                        line two, indented
                      line three
                    1️⃣credentail: jwt
                """,
            expected: [
                .init(
                    marker: "1️⃣",
                    code: .unknownKey,
                    message: "unknown key 'credentail' in io integration 'prod'; did you mean 'credential'?"
                )
            ]
        ),
        Case(
            name: "missing required key points at the resource's key",
            yaml: """
                version: 1
                \(resources)targetCloudServices:
                  1️⃣wknd:
                    title: WKND
                    imsConfiguration: prod
                    segmentSync: {mode: aem}
                """,
            expected: [
                .init(
                    marker: "1️⃣", code: .missingKey,
                    message: "missing required key 'clientCode' in target cloud service 'wknd'")
            ]
        ),
        Case(
            name: "missing required key of a nested flow object points at its key",
            yaml: """
                version: 1
                ioIntegrations:
                  legacy: {name: legacy-integration, credential: 2️⃣jwt, 1️⃣certificate: {validityDays: 90}}
                """,
            expected: [
                .init(
                    marker: "1️⃣", code: .missingKey,
                    message: "missing required key 'alias' in 'certificate' of io integration 'legacy'"),
                .init(marker: "2️⃣", code: .deprecated, severity: .warning, message: "uses the legacy 'jwt' credential"),
            ]
        ),
        Case(
            name: "a required key without a value",
            yaml: """
                version: 1
                imsConfigurations:
                  prod:
                    1️⃣title:
                    integration: prod
                ioIntegrations: {prod: {name: aem-target-prod}}
                """,
            expected: [
                .init(marker: "1️⃣", code: .missingKey, message: "'title' in ims configuration 'prod' has no value")
            ]
        ),
        Case(
            name: "bad enum value lists the allowed ones",
            yaml: """
                version: 1
                \(resources)targetCloudServices:
                  wknd: {title: W, clientCode: w, imsConfiguration: prod, segmentSync: {mode: aem}, tagManagement: 1️⃣lanch}
                """,
            expected: [
                .init(
                    marker: "1️⃣",
                    code: .invalidValue,
                    message:
                        "invalid value 'lanch' for 'tagManagement' in target cloud service 'wknd'; expected one of 'none', 'launch', 'dtm', 'other'; did you mean 'launch'?"
                )
            ]
        ),
        Case(
            name: "bad enum value in a flow sequence item's mapping",
            yaml: """
                version: 1
                ioIntegrations:
                  prod:
                    name: aem-target-prod
                    credential: 1️⃣oauth
                """,
            expected: [
                .init(
                    marker: "1️⃣",
                    code: .invalidValue,
                    message:
                        "invalid value 'oauth' for 'credential' in io integration 'prod'; expected one of 'oauth-server-to-server', 'jwt'"
                )
            ]
        ),
        Case(
            name: "malformed URL and org id",
            yaml: """
                version: 1
                aem:
                  url: 1️⃣htp://author.example.com
                  username: admin
                  password: ${env:AEM_PASSWORD}
                adobe:
                  imsOrg: 2️⃣0123456789ABCDEF@AdobeOrg
                  console: {token: "${env:T}", project: aem-target}
                  endpoints: {ims: 3️⃣"https://ims host", target: 4️⃣"https://mc.adobe.io:99999"}
                """,
            withConnections: false,
            expected: [
                .init(
                    marker: "1️⃣",
                    code: .invalidURL,
                    message:
                        "invalid URL 'htp://author.example.com' for 'url' in 'aem': expected it to start with 'https://' or 'http://'"
                ),
                .init(
                    marker: "2️⃣",
                    code: .invalidOrgID,
                    message:
                        "invalid IMS organization id '0123456789ABCDEF@AdobeOrg' for 'imsOrg' in 'adobe'; expected 24 hexadecimal digits followed by '@AdobeOrg'"
                ),
                .init(marker: "3️⃣", code: .invalidURL, message: "it contains a space or control character"),
                .init(marker: "4️⃣", code: .invalidURL, message: "the port must be a number from 1 to 65535"),
            ]
        ),
        Case(
            name: "malformed names",
            yaml: """
                version: 1
                ioIntegrations:
                  1️⃣Prod Integration: {name: 2️⃣x}
                """,
            expected: [
                .init(
                    marker: "1️⃣", code: .invalidName,
                    message: "invalid io integration name 'Prod Integration'; names use lower-case letters"),
                .init(
                    marker: "2️⃣", code: .invalidName,
                    message: "invalid value for 'name' in io integration 'Prod Integration' 'x'; console names use"),
            ]
        ),
        Case(
            name: "number out of range",
            yaml: """
                version: 1
                ioIntegrations:
                  legacy:
                    name: legacy-integration
                    credential: 2️⃣jwt
                    certificate: {alias: legacy, validityDays: 1️⃣400}
                """,
            expected: [
                .init(
                    marker: "1️⃣", code: .outOfRange,
                    message: "'validityDays' in 'certificate' of io integration 'legacy' is 400; expected 1 to 365"),
                .init(marker: "2️⃣", code: .deprecated, severity: .warning, message: "legacy 'jwt' credential"),
            ]
        ),
        Case(
            name: "dangling reference, with a suggestion",
            yaml: """
                version: 1
                \(resources)targetCloudServices:
                  wknd: {title: W, clientCode: w, imsConfiguration: 1️⃣prd, segmentSync: {mode: aem}}
                  news: {title: N, clientCode: n, imsConfiguration: 2️⃣nope, segmentSync: {mode: aem}}
                """,
            expected: [
                .init(
                    marker: "1️⃣",
                    code: .danglingReference,
                    message:
                        "'imsConfiguration' of target cloud service 'wknd' refers to ims configuration 'prd', which is not defined; did you mean 'prod'?"
                ),
                .init(
                    marker: "2️⃣",
                    code: .danglingReference,
                    message:
                        "'imsConfiguration' of target cloud service 'news' refers to ims configuration 'nope', which is not defined; define it under 'imsConfigurations'"
                ),
            ]
        ),
        Case(
            name: "dangling and malformed dependsOn addresses",
            yaml: """
                version: 1
                ioIntegrations:
                  prod: {name: aem-target-prod, dependsOn: [1️⃣ioIntegrations.other, 2️⃣integrations.x]}
                """,
            expected: [
                .init(
                    marker: "1️⃣", code: .danglingReference,
                    message: "refers to io integration 'other', which is not defined"),
                .init(
                    marker: "2️⃣", code: .invalidValue,
                    message: "invalid resource address 'integrations.x' in 'dependsOn' of io integration 'prod'"),
            ]
        ),
        Case(
            name: "reference cycle through dependsOn",
            yaml: """
                version: 1
                ioIntegrations:
                  prod:
                    name: aem-target-prod
                    dependsOn: [targetCloudServices.wknd]
                imsConfigurations:
                  prod: {title: Prod, integration: 1️⃣prod}
                targetCloudServices:
                  wknd: {title: W, clientCode: w, imsConfiguration: prod, segmentSync: {mode: aem}}
                """,
            expected: [
                .init(
                    marker: "1️⃣",
                    code: .referenceCycle,
                    message:
                        "reference cycle: ioIntegrations.prod -> targetCloudServices.wknd -> imsConfigurations.prod -> ioIntegrations.prod"
                )
            ]
        ),
        Case(
            name: "jwt without a certificate; certificate without jwt",
            yaml: """
                version: 1
                ioIntegrations:
                  legacy: {name: legacy-integration, credential: 1️⃣jwt}
                  modern:
                    name: modern-integration
                    2️⃣certificate: {alias: modern}
                """,
            expected: [
                .init(
                    marker: "1️⃣", code: .missingCertificate,
                    message: "io integration 'legacy' uses credential 'jwt' but has no 'certificate'"),
                .init(marker: "1️⃣", code: .deprecated, severity: .warning, message: "legacy 'jwt' credential"),
                .init(
                    marker: "2️⃣",
                    code: .conflictingKeys,
                    message:
                        "'certificate' applies only to credential 'jwt', but io integration 'modern' uses 'oauth-server-to-server'"
                ),
            ]
        ),
        Case(
            name: "a secret rotation policy on a jwt credential; a policy out of range",
            yaml: """
                version: 1
                ioIntegrations:
                  legacy:
                    name: legacy-integration
                    credential: 1️⃣jwt
                    certificate: {alias: legacy}
                    2️⃣rotateSecretEveryDays: 90
                  modern: {name: modern-integration, rotateSecretEveryDays: 3️⃣0}
                """,
            expected: [
                .init(marker: "1️⃣", code: .deprecated, severity: .warning, message: "legacy 'jwt' credential"),
                .init(
                    marker: "2️⃣",
                    code: .conflictingKeys,
                    message: "'rotateSecretEveryDays' applies only to credential 'oauth-server-to-server', "
                        + "but io integration 'legacy' uses 'jwt'"
                ),
                .init(marker: "3️⃣", code: .outOfRange, message: "rotateSecretEveryDays"),
            ]
        ),
        Case(
            name: "a unique name used twice",
            yaml: """
                version: 1
                ioIntegrations:
                  a: {name: aem-target}
                  b: {name: 1️⃣aem-target}
                """,
            expected: [
                .init(
                    marker: "1️⃣",
                    code: .duplicateName,
                    message:
                        "'name' 'aem-target' of io integration 'b' is already used by io integration 'a' at fixture.yaml:3:13"
                )
            ]
        ),
        Case(
            name: "a resource and a connection block defined twice across files",
            yaml: """
                version: 1
                1️⃣aem: {url: "https://b.example.com", username: admin, password: "${env:P}"}
                """,
            expected: [
                .init(
                    marker: "1️⃣", code: .duplicateName,
                    message: "'aem' is defined twice: here and at connections.yaml:2:1")
            ]
        ),
        Case(
            name: "literal and malformed secrets",
            yaml: """
                version: 1
                imsConfigurations:
                  ext:
                    title: External
                    clientId: abc
                    clientSecret: 1️⃣p8-sEcReT
                  ext2: {title: External 2, clientId: abc, clientSecret: 2️⃣"${vault:ims}"}
                """,
            expected: [
                .init(
                    marker: "1️⃣",
                    code: .literalSecret,
                    message:
                        "'clientSecret' in ims configuration 'ext' holds a literal secret; secrets never go in config files: write '${env:EXT_CLIENT_SECRET}' (or '${file:PATH}')"
                ),
                .init(
                    marker: "2️⃣",
                    code: .invalidSecretReference,
                    message:
                        "'clientSecret' in ims configuration 'ext2' is not a valid secret reference; write '${env:NAME}'"
                ),
            ]
        ),
        Case(
            name: "unsupported version",
            yaml: """
                version: 1️⃣2
                """,
            expected: [
                .init(
                    marker: "1️⃣", code: .unsupportedVersion,
                    message: "unsupported config version '2'; this aemconf reads 'version: 1'")
            ]
        ),
        Case(
            name: "missing version",
            yaml: """
                1️⃣ioIntegrations: {prod: {name: aem-target-prod}}
                """,
            expected: [
                .init(marker: "1️⃣", code: .missingKey, message: "missing required key 'version' at the top level")
            ]
        ),
        Case(
            name: "a custom AT.js with mbox.js",
            yaml: """
                version: 1
                \(resources)targetCloudServices:
                  wknd:
                    title: W
                    clientCode: w
                    imsConfiguration: prod
                    segmentSync: {mode: aem}
                    clientLibrary: 2️⃣mbox.js
                    1️⃣customAtJs: at.js
                """,
            expected: [
                .init(
                    marker: "1️⃣", code: .conflictingKeys,
                    message: "'customAtJs' in target cloud service 'wknd' needs 'clientLibrary: at.js'"),
                .init(marker: "2️⃣", code: .deprecated, severity: .warning, message: "'mbox.js' for 'clientLibrary'"),
            ]
        ),
        Case(
            name: "the top level must be a mapping",
            yaml: """
                1️⃣- version: 1
                """,
            expected: [
                .init(marker: "1️⃣", code: .wrongType, message: "expected a mapping for the top level, found a list")
            ]
        ),
        Case(
            name: "YAML duplicate key",
            yaml: """
                version: 1
                ioIntegrations:
                  prod:
                    name: a-integration
                    1️⃣name: b-integration
                """,
            expected: [
                .init(
                    marker: "1️⃣", code: .duplicateKey,
                    message: "duplicate key 'name' in this mapping; the first is at line 4, column 5")
            ]
        ),
        Case(
            name: "YAML duplicate key in a flow mapping",
            yaml: """
                version: 1
                ioIntegrations: {prod: {name: a-integration, 1️⃣name: b-integration}}
                """,
            expected: [.init(marker: "1️⃣", code: .duplicateKey, message: "duplicate key 'name' in this mapping")]
        ),
        Case(
            name: "YAML syntax error",
            yaml: """
                version: 1
                ioIntegrations:
                  prod: {name: a-integration
                imsConfigurations1️⃣: {}
                """,
            expected: [
                .init(
                    marker: "1️⃣",
                    code: .yamlSyntax,
                    message: "did not find expected ',' or '}' while parsing a flow mapping at line 3, column 9"
                )
            ]
        ),
    ]

    @Test(arguments: cases)
    func diagnosticPointsAtItsMarker(_ testCase: Case) throws {
        let fixture = MarkedText(testCase.yaml)
        let result = ConfigFixture.decode(fixture.text, withConnections: testCase.withConnections)
        var unmatched = result.diagnostics
        for expectation in testCase.expected {
            let marker = try #require(fixture.location(of: expectation.marker), "marker \(expectation.marker)")
            let location = marker.source()
            let found = unmatched.firstIndex {
                $0.code == expectation.code && $0.severity == expectation.severity
                    && $0.message.contains(expectation.message)
                    && $0.location == location
            }
            #expect(
                found != nil,
                "expected \(expectation.severity) \(expectation.code) at \(location.formatted) containing \"\(expectation.message)\"; got \(result.diagnostics.map { "\($0.location.formatted) \($0.code) \($0.message)" })"
            )
            if let found { unmatched.remove(at: found) }
        }
        let extraErrors = unmatched.filter(\.isError)
        #expect(extraErrors.isEmpty, "unexpected: \(extraErrors.map { "\($0.location.formatted) \($0.message)" })")
        #expect(result.config == nil || !testCase.expected.contains { $0.severity == .error })
    }

    @Test func everyDiagnosticCodeHasAPositionFixture() {
        let covered = Set(Self.cases.flatMap { $0.expected.map(\.code) })
        // Codes covered by other suites: file-level problems (ConfigLoaderTests), unresolved secrets
        // (ConfigLoaderTests), missing files (ConfigLoaderTests), parser-specific codes mapped by the loader.
        let elsewhere: Set<DiagnosticCode> = [
            .unreadableFile, .unresolvedSecret, .missingFile, .yamlAlias, .multipleDocuments,
        ]
        #expect(Set(DiagnosticCode.allCases).subtracting(covered).subtracting(elsewhere).isEmpty)
    }
}
