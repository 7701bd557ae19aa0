import Foundation

/// Secrets: after every other part, one more round that writes each kind of artifact (a saved plan, an apply at
/// trace level with JSON logs, a drift metrics file, `state show` and `state pull`), then a byte scan of
/// everything aemconf printed or wrote — standard output and error of every child of the run, saved plans,
/// metrics files and the raw bytes of the SQLite state (with its WAL) — for every secret: the state key (text and
/// raw bytes), the external client secrets given through the environment, the AEM password, the console token,
/// the client secrets the console generated and the private keys aemconf generated (from AEM's keystore).
/// Sealed values are AES-GCM, so no raw canary may appear in the state either.
struct ChaosSecretScan {
    let lab: ChaosLab

    func run() async throws -> ChaosPartResult {
        try await lab.freshStart()
        let plans = lab.folder + "/plans"
        let metrics = lab.folder + "/metrics"
        for folder in [plans, metrics] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let config = lab.config.folder
        var failures: [String] = []
        let commands: [(String, [String], Set<Int32>)] = [
            ("secrets-plan-out", ["plan", config, "--out", plans + "/create.plan", "--log-level", "trace"], [0]),
            (
                "secrets-apply-plan",
                [
                    "apply", plans + "/create.plan", "--config", config, "--auto-approve", "--json",
                    "--log-level", "trace", "--log-format", "json",
                ], [0]
            ),
            (
                "secrets-plan-json", ["plan", config, "--json", "--log-level", "trace", "--out", plans + "/noop.plan"],
                [0]
            ),
            ("secrets-drift", ["drift", config, "--json", "--metrics-file", metrics + "/drift.prom"], [0]),
            ("secrets-state-show", ["state", "show", "ioIntegrations.s01", "--config", config], [0]),
            ("secrets-state-pull", ["state", "pull", "--config", config], [0]),
        ]
        for (label, arguments, accepted) in commands {
            let result = try await lab.runner.run(label, arguments)
            if !accepted.contains(result.status) {
                failures.append("\(label) exited \(result.status): \(ChaosText.errors(result.standardError))")
            }
        }
        let canaries = try await collectCanaries()
        let files = Self.files(under: [lab.runner.outputs, plans, metrics, config + "/.aemconf"])
        var hits: [String: Int] = [:]
        var examples: [String] = []
        for file in files {
            guard let bytes = FileManager.default.contents(atPath: file) else { continue }
            for canary in canaries where bytes.range(of: canary.bytes) != nil {
                hits[canary.kind, default: 0] += 1
                if examples.count < 6 { examples.append("\(canary.kind) in \(file)") }
            }
        }
        let total = hits.values.reduce(0, +)
        let kinds = Dictionary(grouping: canaries, by: \.kind).map { "\($0.key) \($0.value.count)" }.sorted()
        let part = "secrets"
        let rows = [
            ChaosRow(part: part, trials: "1", measure: "canaries (per kind)", result: kinds.joined(separator: ", ")),
            ChaosRow(
                part: part, trials: "1", measure: "files scanned (outputs, plans, metrics, state)",
                result: "\(files.count)"),
            ChaosRow(
                part: part, trials: "1", measure: "artifact commands that failed", result: "\(failures.count)",
                target: "0", met: failures.isEmpty),
            ChaosRow(part: part, trials: "1", measure: "canary hits", result: "\(total)", target: "0", met: total == 0),
        ]
        return ChaosPartResult(rows: rows, notes: failures + examples.map { "canary hit: " + $0 })
    }

    /// One secret value to look for, as bytes.
    struct Canary {
        var kind: String
        var bytes: Data
    }

    private func collectCanaries() async throws -> [Canary] {
        var canaries: [Canary] = [
            Canary(kind: "state key", bytes: Data(lab.canaries.stateKey.utf8)),
            Canary(kind: "state key", bytes: Data(lab.canaries.stateKeyBytes)),
        ]
        canaries += lab.canaries.externals.map { Canary(kind: "client secret (env)", bytes: Data($0.secret.utf8)) }
        for name in ["AEM_PASSWORD", "ADOBE_CONSOLE_TOKEN"] {
            if let value = lab.runner.environment[name], value.count >= 8 {
                canaries.append(
                    Canary(
                        kind: name == "AEM_PASSWORD" ? "AEM password" : "console token",
                        bytes: Data(value.utf8)))
            }
        }
        let dump = try await lab.sandbox.dump()
        let console = dump["console"] as? [String: Any] ?? [:]
        for credential in console["credentials"] as? [[String: Any]] ?? [] {
            for secret in credential["secrets"] as? [[String: Any]] ?? [] {
                if let value = secret["value"] as? String, value.count >= 16 {
                    canaries.append(Canary(kind: "client secret (console)", bytes: Data(value.utf8)))
                }
            }
        }
        let keystores = (dump["aem"] as? [String: Any])?["keystores"] as? [String: Any] ?? [:]
        for keystore in keystores.values {
            for entry in (keystore as? [String: Any])?["entries"] as? [[String: Any]] ?? [] {
                guard let text = entry["privateKeyDER"] as? String, let der = Data(base64Encoded: text),
                    der.count >= 384
                else { continue }
                // Bytes 336..<384: the 8th line of the key's PEM body, and the same bytes in binary.
                let slice = der.subdata(in: 336..<384)
                canaries.append(Canary(kind: "private key", bytes: slice))
                canaries.append(Canary(kind: "private key", bytes: Data(slice.base64EncodedString().utf8)))
            }
        }
        return canaries
    }

    private static func files(under folders: [String]) -> [String] {
        var files: [String] = []
        for folder in folders {
            guard let walker = FileManager.default.enumerator(atPath: folder) else { continue }
            for case let relative as String in walker {
                var isDirectory: ObjCBool = false
                let path = folder + "/" + relative
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files.append(path)
                }
            }
        }
        return files
    }
}
