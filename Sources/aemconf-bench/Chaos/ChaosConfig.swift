import Foundation

/// The generated N-stack config. Every stack is an IMS configuration (two OSGi configurations) and a Target cloud
/// service (a page); its credential is, in turn, an OAuth integration aemconf manages, a legacy JWT integration
/// (a certificate binding in the console and an alias in AEM's keystore) or an OAuth credential managed outside
/// aemconf whose client secret comes from the environment.
struct ChaosConfig: Sendable {
    let folder: String
    let stacks: Int

    /// How stack `index` gets its credential.
    enum Credential {
        case oauth, jwt, external
    }

    static func credential(_ index: Int) -> Credential {
        if index % 5 == 4 { return .external }
        return index % 4 == 1 ? .jwt : .oauth
    }

    static func externalStacks(_ stacks: Int) -> [Int] {
        (0..<stacks).filter { credential($0) == .external }
    }

    static func label(_ index: Int) -> String {
        String(format: "s%02d", index)
    }

    /// The remote objects a converged apply leaves (the external credentials included).
    var expected: ChaosRemoteCounts {
        let kinds = (0..<stacks).map(Self.credential)
        let jwt = kinds.filter { $0 == .jwt }.count
        return ChaosRemoteCounts(
            credentials: stacks, bindings: jwt, keystoreAliases: jwt, osgiConfigurations: 2 * stacks, pages: stacks
        )
    }

    /// `apply CONFIG --auto-approve`, logging at debug level (retries are counted from the log).
    var apply: [String] { ["apply", folder, "--auto-approve", "--no-color", "--log-level", "debug"] }

    /// `plan CONFIG --detailed-exitcode`: 0 means no changes.
    var plan: [String] { ["plan", folder, "--detailed-exitcode", "--no-color"] }

    /// Writes `aemconf.yaml` pointed at the sandbox.
    func write(sandbox: ChaosSandbox, externals: [ChaosExternalCredential]) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let endpoints = sandbox.endpoints
        var integrations = "ioIntegrations:\n"
        var imsConfigurations = "imsConfigurations:\n"
        var cloudServices = "targetCloudServices:\n"
        for index in 0..<stacks {
            let label = Self.label(index)
            imsConfigurations += "  \(label):\n    title: Chaos \(label)\n"
            switch Self.credential(index) {
            case .oauth:
                integrations += "  \(label):\n    name: chaos-\(label)\n    productProfiles: [Default Workspace]\n"
                imsConfigurations += "    integration: \(label)\n"
            case .jwt:
                integrations +=
                    "  \(label):\n    name: chaos-\(label)\n    credential: jwt\n"
                    + "    certificate: { alias: chaos-\(label), validityDays: 365, renewBeforeDays: 30 }\n"
                    + "    productProfiles: [Default Workspace]\n"
                imsConfigurations += "    integration: \(label)\n"
            case .external:
                guard let external = externals.first(where: { $0.stack == index }) else {
                    throw ChaosSetupError("no external credential for stack \(label)")
                }
                imsConfigurations +=
                    "    clientId: \(external.clientID)\n"
                    + "    clientSecret: ${env:\(external.variable)}\n"
            }
            cloudServices +=
                "  \(label):\n    title: Chaos \(label)\n    name: chaos-\(label)\n    clientCode: wknd\n"
                + "    imsConfiguration: \(label)\n"
        }
        let text = """
            version: 1
            aem:
              url: \(endpoints["aem"] ?? "")
              username: \(sandbox.credentials["aemUsername"] ?? "admin")
              password: ${env:AEM_PASSWORD}
            adobe:
              imsOrg: 0123456789ABCDEF01234567@AdobeOrg
              endpoints: { ims: "\(endpoints["ims"] ?? "")", console: "\(endpoints["console"] ?? "")", \
            target: "\(endpoints["target"] ?? "")" }
              console:
                token: ${env:ADOBE_CONSOLE_TOKEN}
                project: aem-target

            """ + integrations + imsConfigurations + cloudServices
        try text.write(toFile: folder + "/aemconf.yaml", atomically: true, encoding: .utf8)
    }
}
