import AemconfModel
import Testing

@testable import AemconfProviders

/// A created credential is read from an object or from the first element of an array; an object is no longer
/// tried as an array first, and every answer must decode (or fail) as before.
@Suite struct ConsoleCreatedCredentialDecodingTests {
    static func decoded(_ body: String) -> Console.CreatedCredential? {
        try? ConsoleClient.decodeCreated(ServiceResponse(status: 201, body: Array(body.utf8)))
    }

    /// The rule before: the array first, then the object.
    static func decodedAsBefore(_ body: String) -> Console.CreatedCredential? {
        let response = ServiceResponse(status: 201, body: Array(body.utf8))
        if let list = try? response.decode([Console.CreatedCredential].self), let first = list.first { return first }
        return try? response.decode(Console.CreatedCredential.self)
    }

    @Test func decodesEveryShapeAsBefore() {
        let bodies = [
            #"{"id":"4566206088344794932","apiKey":"abc","orgId":"123","technicalAccountId":"t@techacct"}"#,
            #"  {"id":4566206088344794932,"apiKey":"abc"}"#,
            "\n\t{\"id\":\"1\",\"apiKey\":\"k\"}",
            #"[{"id":"7","apiKey":"k7","orgId":7}]"#,
            #" [{"id":"7","apiKey":"k7"},{"id":"8","apiKey":"k8"}]"#,
            "[]", "{}", #"{"id":"1"}"#, "", "null", #"["x"]"#, "\u{FEFF}{\"id\":\"1\",\"apiKey\":\"k\"}",
        ]
        for body in bodies {
            #expect(Self.decoded(body) == Self.decodedAsBefore(body), "\(body)")
        }
        #expect(Self.decoded(bodies[0])?.id == "4566206088344794932")
        #expect(Self.decoded(bodies[4])?.id == "7")
        #expect(Self.decoded("[]") == nil)
    }
}
