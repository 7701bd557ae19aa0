import Testing

@testable import AemconfProviders

/// The clients' header and method values (RFC 9110 §5.1: field names are case-insensitive; order is kept).
@Suite struct HeaderFieldsTests {
    @Test func namesCompareCaseInsensitivelyAndOrderIsKept() {
        var headers: HeaderFields = ["Set-Cookie": "a=1"]
        headers.add(name: "set-cookie", value: "b=2")
        headers.add(name: "Content-Type", value: "text/plain")
        #expect(headers.first(name: "SET-COOKIE") == "a=1")
        #expect(headers["Set-Cookie"] == ["a=1", "b=2"])
        #expect(headers.map(\.name) == ["Set-Cookie", "set-cookie", "Content-Type"])
        #expect(headers.first(name: "content-typ") == nil)
    }

    @Test func replaceOrAddLeavesOneFieldAndRemoveLeavesNone() {
        var headers = HeaderFields([("Authorization", "Basic x"), ("Accept", "a"), ("authorization", "Bearer y")])
        headers.replaceOrAdd(name: "AUTHORIZATION", value: "Bearer z")
        #expect(headers["authorization"] == ["Bearer z"])
        #expect(headers.map(\.name) == ["Accept", "AUTHORIZATION"])
        headers.remove(name: "accept")
        #expect(headers.first(name: "Accept") == nil)
        #expect(headers == HeaderFields([("authorization", "Bearer z")]))
        #expect(headers != HeaderFields([("authorization", "Bearer Z")]))
    }

    @Test func methodsAreTheirTokens() {
        #expect(RequestMethod.POST.rawValue == "POST")
        #expect(RequestMethod(rawValue: "GET") == .GET)
        #expect(ServiceRequest.isIdempotentByDefault(.PUT))
        #expect(!ServiceRequest.isIdempotentByDefault(.PATCH))
        #expect(!ServiceRequest.isIdempotentByDefault(.POST))
    }
}

/// Field names compare without allocating; the answer must stay the one `lowercased()` gave.
@Suite struct HeaderFieldNameComparisonTests {
    @Test func agreesWithLowercasedComparison() {
        var names = [
            "", "a", "A", "x-api-key", "X-API-KEY", "X-Api-Kez", "retry-after", "Retry-After", "@", "`", "[", "{",
        ]
        names += [
            "content-type", "Content-Type", "content_type", "ÉTAG", "étag", "\u{212A}", "k", "K", "straße", "STRASSE",
        ]
        names += ["a\u{0}b", "A\u{0}B", "Z", "z", "\u{7F}", "~"]
        for a in names {
            for b in names {
                #expect(HeaderFields.same(a, b) == (a.utf8.count == b.utf8.count && a.lowercased() == b.lowercased()))
            }
        }
    }
}
