import AemconfSandbox

/// Finds blind re-sends in the sandbox's request log.
///
/// A **blind re-send** is a non-idempotent request — a POST to one of ``endpoints``, each of which creates
/// something — sent again (same service, same path, same body digest) after an attempt that did not succeed (the
/// connection reset or closed without an answer, 429, or 5xx), with no GET in between that reads the resource it
/// creates or the listing it would appear in. A re-send after such a read is a *verified* re-send: the client
/// looked and found nothing. Other POSTs (Sling property posts, configMgr updates of a named PID, IMS token
/// requests) are idempotent by aemconf's contract and not audited. A GET made by another step of the same apply
/// counts as a read too: the log does not say which step sent what.
enum ChaosResendAudit {
    /// One kind of creating request and the reads that tell whether it happened.
    struct Endpoint: Sendable {
        var name: String
        var matches: @Sendable (SandboxService, String) -> Bool
        /// Whether a GET of the second path reads what a POST to the first path creates.
        var isRead: @Sendable (String, String) -> Bool
    }

    /// aemconf's non-idempotent requests (the `idempotent: false` requests of its AEM and console clients).
    static let endpoints: [Endpoint] = [
        Endpoint(
            name: "console: create credential",
            matches: { service, path in
                service == .console
                    && (path.hasSuffix("/credentials/oauth-server-to-server") || path.hasSuffix("/credentials/entp"))
            },
            isRead: { post, get in
                let listing = post.components(separatedBy: "/credentials/").first.map { $0 + "/credentials" } ?? post
                return get.hasPrefix(listing) || get.contains("/integrations/")
            }
        ),
        Endpoint(
            name: "console: upload certificate binding",
            matches: { $0 == .console && $1.contains("/integrations/entp/") && $1.hasSuffix("/bindings") },
            isRead: { post, get in
                let id = post.components(separatedBy: "/").dropLast().last ?? post
                return get.contains("/integrations/") && get.contains(id)
            }
        ),
        Endpoint(
            name: "console: add client secret",
            matches: { $0 == .console && $1.contains("/credentials/") && $1.hasSuffix("/secrets") },
            isRead: { post, get in get == post }
        ),
        Endpoint(
            name: "console: create project",
            matches: { $0 == .console && $1.hasSuffix("/projects") },
            isRead: { post, get in get.hasPrefix(post) }
        ),
        Endpoint(
            name: "AEM: keystore create or add alias",
            matches: { $0 == .aem && $1.hasSuffix(".ks.html") },
            isRead: { post, get in get.hasPrefix(String(post.dropLast(".ks.html".count))) }
        ),
        Endpoint(
            name: "AEM: new factory configuration",
            matches: { $0 == .aem && $1.hasPrefix("/system/console/configMgr/") && $1.contains("Temporary") },
            isRead: { _, get in
                get.hasPrefix("/bin/querybuilder") || get.hasPrefix("/apps/system/config")
                    || get.hasPrefix("/system/console/configMgr")
            }
        ),
        Endpoint(
            name: "AEM: create page",
            matches: { $0 == .aem && $1 == "/bin/wcmcommand" },
            isRead: { _, get in get.hasPrefix("/etc/cloudservices/") }
        ),
    ]

    /// What the audit counted.
    struct Finding: Sendable {
        /// Audited (non-idempotent) POSTs.
        var audited = 0
        /// Of those, attempts that did not succeed.
        var failedAttempts = 0
        /// Re-sends after a read.
        var verifiedResends = 0
        /// Re-sends without one.
        var blindResends = 0
        var examples: [String] = []

        mutating func add(_ other: Finding) {
            audited += other.audited
            failedAttempts += other.failedAttempts
            verifiedResends += other.verifiedResends
            blindResends += other.blindResends
            examples += other.examples.prefix(max(0, 4 - examples.count))
        }
    }

    private struct Key: Hashable {
        var service: SandboxService
        var path: String
        var digest: String
    }

    static func audit(_ entries: [SandboxRequestLogEntry]) -> Finding {
        var finding = Finding()
        // Failed attempts awaiting a re-send: the endpoint and whether a read has happened since.
        var pending: [Key: (endpoint: Endpoint, read: Bool)] = [:]
        for entry in entries.sorted(by: { $0.sequence < $1.sequence }) {
            if entry.method == "GET" {
                for (key, value) in pending
                where key.service == entry.service && !value.read
                    && value.endpoint.isRead(key.path, entry.path)
                {
                    pending[key]?.read = true
                }
                continue
            }
            guard entry.method == "POST",
                let endpoint = endpoints.first(where: { $0.matches(entry.service, entry.path) })
            else { continue }
            finding.audited += 1
            let key = Key(service: entry.service, path: entry.path, digest: entry.bodyDigest ?? "")
            if let earlier = pending[key] {
                if earlier.read {
                    finding.verifiedResends += 1
                } else {
                    finding.blindResends += 1
                    if finding.examples.count < 4 {
                        finding.examples.append(
                            "\(endpoint.name): POST \(entry.path) #\(entry.sequence) re-sent blindly"
                        )
                    }
                }
            }
            if entry.status == 0 || entry.status == 429 || entry.status >= 500 {
                finding.failedAttempts += 1
                pending[key] = (endpoint, false)
            } else {
                pending[key] = nil
            }
        }
        return finding
    }
}
