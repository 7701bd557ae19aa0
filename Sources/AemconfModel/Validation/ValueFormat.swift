/// Checks of single values (URLs, org ids, names). Byte-level scans, no regular expressions: they run
/// once per field on configs with tens of thousands of resources.
enum ValueFormat: Sendable, Hashable {
    /// Any string.
    case text
    /// An absolute `https` URL with a host (`http` only for a loopback host: the sandbox).
    case url
    /// An IMS organization id: 24 hexadecimal digits + `@AdobeOrg`.
    case orgID
    /// A resource name (a key under `ioIntegrations`, …) or an AEM node name.
    case name
    /// A Developer Console name (project, workspace, integration): letters, digits, spaces, `-`, `_`, `.`.
    case consoleName
    /// A Target client code or tenant id: letters, digits, `-`, `_`.
    case identifier
    /// An absolute repository path (`/etc/cloudservices/…`).
    case repositoryPath

    /// The longest resource or node name.
    static let maximumNameLength = 63
    /// The longest Console name.
    static let maximumConsoleNameLength = 45

    /// What a valid value looks like, as said in an error ("names use …").
    var rule: String {
        switch self {
        case .text: "any text"
        case .url: "an absolute 'https' URL ('http' only for a loopback host such as the sandbox)"
        case .orgID: "24 hexadecimal digits followed by '@AdobeOrg'"
        case .name:
            "names use lower-case letters, digits, '-' and '_', start with a letter or digit, and have at most \(Self.maximumNameLength) characters"
        case .consoleName:
            "console names use letters, digits, spaces, '-', '_' and '.', start with a letter or digit, and have 3 to \(Self.maximumConsoleNameLength) characters"
        case .identifier:
            "use letters, digits, '-' and '_' only"
        case .repositoryPath:
            "expected an absolute repository path starting with '/', such as '/etc/cloudservices/sitecatalyst/…'"
        }
    }

    /// `true` when `value` is well formed.
    func accepts(_ value: String) -> Bool {
        switch self {
        case .text: true
        case .url: Self.urlProblem(value) == nil
        case .orgID: Self.isOrgID(value)
        case .name: Self.isName(value)
        case .consoleName: Self.isConsoleName(value)
        case .identifier: Self.isIdentifier(value)
        case .repositoryPath:
            Self.withBytes(value) { bytes in
                bytes.first == UInt8(ascii: "/") && !bytes.contains(where: Self.isSpaceOrControl)
            }
        }
    }

    /// Runs `body` over the UTF-8 bytes of `value` (no copy for native strings).
    @inline(__always)
    private static func withBytes<R>(_ value: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var value = value
        return value.withUTF8(body)
    }

    @inline(__always)
    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (byte &- UInt8(ascii: "a")) < 26 || (byte &- UInt8(ascii: "0")) < 10
    }

    @inline(__always)
    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLowerAlphanumeric(byte) || (byte &- UInt8(ascii: "A")) < 26
    }

    @inline(__always)
    private static func isSpaceOrControl(_ byte: UInt8) -> Bool {
        byte <= 0x20 || byte == 0x7F
    }

    static func isName(_ value: String) -> Bool {
        withBytes(value) { bytes in
            guard let first = bytes.first, isLowerAlphanumeric(first), bytes.count <= maximumNameLength else {
                return false
            }
            for byte in bytes
            where !(isLowerAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")) {
                return false
            }
            return true
        }
    }

    static func isConsoleName(_ value: String) -> Bool {
        withBytes(value) { bytes in
            guard let first = bytes.first, isAlphanumeric(first), (3...maximumConsoleNameLength).contains(bytes.count)
            else {
                return false
            }
            for byte in bytes
            where
                !(isAlphanumeric(byte) || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "."))
            {
                return false
            }
            return true
        }
    }

    static func isIdentifier(_ value: String) -> Bool {
        withBytes(value) { bytes in
            guard !bytes.isEmpty else { return false }
            for byte in bytes where !(isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")) {
                return false
            }
            return true
        }
    }

    static func isOrgID(_ value: String) -> Bool {
        let suffix = "@AdobeOrg"
        guard value.utf8.count == 24 + suffix.utf8.count, value.hasSuffix(suffix) else { return false }
        return withBytes(value) { bytes in
            for byte in bytes.prefix(24)
            where
                !((byte &- UInt8(ascii: "0")) < 10 || (byte &- UInt8(ascii: "A")) < 6
                || (byte &- UInt8(ascii: "a")) < 6)
            {
                return false
            }
            return true
        }
    }

    /// `value` with the user-info of a `scheme://user:password@host` URL replaced by `(sensitive)`; other text as is.
    static func maskingUserInfo(_ value: String) -> String {
        guard let schemeEnd = value.range(of: "://") else { return value }
        let rest = value[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        // The last `@` of the authority: a password may hold an `@` of its own.
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else {
            // `https://user:p/ss@host`: a `/` in the password ends the authority early; mask up to any `@`.
            guard let anyAt = rest.lastIndex(of: "@") else { return value }
            return String(value[..<schemeEnd.upperBound]) + "(sensitive)@" + rest[rest.index(after: anyAt)...]
        }
        return String(value[..<schemeEnd.upperBound]) + "(sensitive)@" + rest[rest.index(after: at)...]
    }

    /// Why `value` is not an acceptable URL, or `nil` when it is.
    static func urlProblem(_ value: String) -> String? {
        var value = value
        return value.withUTF8 { urlProblem(bytes: $0[...]) }
    }

    private static let https = Array("https://".utf8)
    private static let http = Array("http://".utf8)

    private static func urlProblem(bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
        if bytes.contains(where: isSpaceOrControl) { return "it contains a space or control character" }
        let rest: Slice<UnsafeBufferPointer<UInt8>>
        let isPlain: Bool
        if bytes.starts(with: https) {
            rest = bytes.dropFirst(https.count)
            isPlain = false
        } else if bytes.starts(with: http) {
            rest = bytes.dropFirst(http.count)
            isPlain = true
        } else {
            return "expected it to start with 'https://' or 'http://'"
        }
        let authorityEnd = rest.firstIndex {
            $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#")
        }
        let authority = rest[rest.startIndex..<(authorityEnd ?? rest.endIndex)]
        if authority.contains(UInt8(ascii: "@")) { return "credentials do not belong in a URL; use the secret fields" }
        var host = authority
        var port: Slice<UnsafeBufferPointer<UInt8>>?
        if authority.first == UInt8(ascii: "[") {
            guard let close = authority.firstIndex(of: UInt8(ascii: "]")) else {
                return "the IPv6 host is not closed with ']'"
            }
            host = authority[authority.startIndex...close]
            let after = authority[(close + 1)...]
            if let colon = after.first {
                guard colon == UInt8(ascii: ":") else { return "unexpected text after the IPv6 host" }
                port = after.dropFirst()
            }
        } else if let colon = authority.firstIndex(of: UInt8(ascii: ":")) {
            host = authority[authority.startIndex..<colon]
            port = authority[(colon + 1)...]
        }
        if host.isEmpty { return "the host is missing" }
        if host.first != UInt8(ascii: "[") {
            let valid = host.allSatisfy {
                isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") || $0 >= 0x80
            }
            if !valid || host.first == UInt8(ascii: ".") || host.last == UInt8(ascii: "-") {
                return "the host is not a valid host name"
            }
        }
        if let port {
            var number = 0
            for byte in port {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte), number <= 65535 else {
                    return "the port must be a number from 1 to 65535"
                }
                number = number * 10 + Int(byte - UInt8(ascii: "0"))
            }
            guard !port.isEmpty, (1...65535).contains(number) else {
                return "the port must be a number from 1 to 65535"
            }
        }
        // Basic auth, client secrets and tokens go to these URLs: never in clear text across a network.
        if isPlain, !LoopbackHost.contains(String(decoding: host, as: UTF8.self)) {
            return "'http://' would send passwords, client secrets and tokens in clear text; use 'https://' "
                + "('http://' is accepted only for loopback hosts such as the sandbox)"
        }
        return nil
    }
}
