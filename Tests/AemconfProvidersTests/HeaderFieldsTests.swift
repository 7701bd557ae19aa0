import AemconfProviders
import Testing

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
