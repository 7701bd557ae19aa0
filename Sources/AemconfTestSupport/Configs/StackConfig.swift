/// A config of N independent stacks (integration, IMS configuration, Target cloud service each, no segment sync):
/// what the engine benchmark and the bulk-refresh tests plan and apply. Stacks are named `s00000`, `s00001`, ….
public enum StackConfig {
    /// The connection blocks a config starts with; secrets are `${env:…}` references to the variables named, and
    /// the AEM URL is a placeholder (runs point the session at their sandbox).
    public static func connections(aemPasswordVariable: String, consoleTokenVariable: String) -> String {
        """
        version: 1
        aem:
          url: http://127.0.0.1:1
          username: admin
          password: ${env:\(aemPasswordVariable)}
        adobe:
          imsOrg: 0123456789ABCDEF01234567@AdobeOrg
          console:
            token: ${env:\(consoleTokenVariable)}
            project: aem-target

        """
    }

    /// `connections` followed by `stacks` stacks: console credentials `<credentialPrefix>-sNNNNN` (product
    /// profile "Default Workspace"), IMS configurations titled `Target sNNNNN`, pages `<pagePrefix>-sNNNNN`.
    public static func yaml(stacks: Int, connections: String, credentialPrefix: String, pagePrefix: String) -> String {
        let names = (0..<stacks).map { index -> String in
            let digits = String(index)
            return "s" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
        }
        var text = connections + "ioIntegrations:\n"
        for name in names {
            text += "  \(name):\n    name: \(credentialPrefix)-\(name)\n    productProfiles: [Default Workspace]\n"
        }
        text += "imsConfigurations:\n"
        for name in names { text += "  \(name):\n    title: Target \(name)\n    integration: \(name)\n" }
        text += "targetCloudServices:\n"
        for name in names {
            text +=
                "  \(name):\n    title: Target \(name)\n    name: \(pagePrefix)-\(name)\n    clientCode: wknd\n"
                + "    imsConfiguration: \(name)\n"
        }
        return text
    }
}
