import Foundation

/// An OAuth credential managed outside aemconf: its IMS configuration names the client id and reads the client
/// secret (a canary) from the environment variable ``variable``.
struct ChaosExternalCredential: Sendable {
    var stack: Int
    var id: String
    var name: String
    var clientID: String
    var secret: String
    var variable: String
}

/// The secrets the harness chooses itself, all random canaries: the state key and the external client secrets.
/// The ones the sandbox and aemconf make (AEM password, console token, generated client secrets and private
/// keys) are read from the sandbox when the scan runs (``ChaosSecretScan``).
struct ChaosCanaries: Sendable {
    /// The 32-byte state key, as `AEMCONF_STATE_KEY` holds it (base64).
    let stateKey: String
    /// Its raw bytes.
    let stateKeyBytes: [UInt8]
    let externals: [ChaosExternalCredential]

    init(stacks: Int) {
        var generator = SystemRandomNumberGenerator()
        stateKeyBytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        stateKey = Data(stateKeyBytes).base64EncodedString()
        func hex(_ count: Int) -> String {
            (0..<count).map { _ in String(UInt8.random(in: 0...15, using: &generator), radix: 16) }.joined()
        }
        externals = ChaosConfig.externalStacks(stacks).map { stack in
            let label = ChaosConfig.label(stack)
            return ChaosExternalCredential(
                stack: stack, id: "chaosext\(label)", name: "chaos-external-\(label)",
                clientID: "chaosext\(label)" + String(repeating: "0", count: 32 - 8 - label.count),
                secret: "p8e-CANARY" + hex(28), variable: "CHAOS_CLIENT_SECRET_\(label.uppercased())"
            )
        }
    }

    /// What a user would set: secrets and the state key in the environment, never in argv.
    func environment(sandbox: ChaosSandbox) -> [String: String] {
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "USER": "chaos",
            "AEM_PASSWORD": sandbox.credentials["aemPassword"] ?? "",
            "ADOBE_CONSOLE_TOKEN": sandbox.credentials["consoleUserToken"] ?? "",
            "AEMCONF_STATE_KEY": stateKey,
        ]
        for external in externals { environment[external.variable] = external.secret }
        return environment
    }
}
