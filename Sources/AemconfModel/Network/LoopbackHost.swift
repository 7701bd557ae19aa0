/// Whether a host name or address names this machine: `localhost` (and `*.localhost`), `127.0.0.0/8`, `::1`.
///
/// Plain text is tolerated only towards such hosts (the sandbox, a throwaway database): nothing crosses a network.
public enum LoopbackHost {
    /// `true` for `localhost`, `x.localhost`, `127.a.b.c` and `::1` (bracketed or not).
    public static func contains(_ host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name.hasSuffix(".") { name = String(name.dropLast()) }
        if name == "localhost" || name.hasSuffix(".localhost") { return true }
        if name == "::1" || name == "0:0:0:0:0:0:0:1" { return true }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { octet in
            !octet.isEmpty && octet.count <= 3 && octet.allSatisfy(\.isASCII) && octet.allSatisfy(\.isNumber)
                && (Int(octet) ?? 256) <= 255
        }
    }
}
