import AemconfModel
import AemconfTestSupport
import Foundation
import Testing

@testable import AemconfProviders

/// The clients' fast decoders give `JSONDecoder`'s answer: on the contracts' example answers, on the sandbox's
/// shapes and on random variations of them (members missing, `null`, of another type, ids as numbers, repeated
/// keys), a body decodes to the same value through `ServiceResponse.decode(_:fast:)` as through `JSONDecoder`, or
/// fails with both; and the clean answers are read by the fast decoder itself, not by the fallback.
@Suite struct FastDecodingTests {
    /// The fast path's answer (`nil` when it failed) and JSONDecoder's, for one body.
    static func both<T: Decodable>(_ type: T.Type, _ body: String, fast: (JSONValue) throws -> T) -> (T?, T?) {
        let response = ServiceResponse(status: 200, body: Array(body.utf8))
        return (try? response.decode(T.self, fast: fast), try? JSONDecoder().decode(T.self, from: Data(body.utf8)))
    }

    /// Whether the fast decoder alone reads `body`.
    static func readsFast<T>(_ body: String, _ fast: (JSONValue) throws -> T) -> Bool {
        guard let value = try? JSONValue.parse(Array(body.utf8), rejectingDuplicateKeys: true) else { return false }
        return (try? fast(value)) != nil
    }

    // MARK: - Contract examples

    static let integration = #"""
        {"apikey":"a1b2c3","technicalAccountId":"ABC@techacct.adobe.com","technicalAccountEmail":"x@techacct.adobe.com",
         "id":"4566206088344794932","name":"aemconf-site","description":"d","orgId":"1234","type":"entp",
         "status":"ENABLED","production":true,"readOnly":false,"platform":"Server","domain":"","redirectUriList":[],
         "defaultRedirectUri":"","sdkList":["AdobeTargetSDK"],
         "serviceProperties":[{"sdkCode":"AdobeTargetSDK","name":"Adobe Target","roles":[],
           "scopes":["openid","AdobeID","target_sdk"],
           "licenseConfigs":[{"id":"123","name":"Default Workspace","productId":"ABCD","description":"p"}]}],
         "createdDate":1700000000000,"lastModifiedDate":1700000000001}
        """#
    static let created = #"""
        {"id":"4566206088344794932","apiKey":"abc","orgId":"123","technicalAccountId":"t@techacct",
         "projectId":"p","workspaceId":null,"subscriptionResult":{"sdkList":["AdobeTargetSDK"],"errorList":[]}}
        """#
    static let token = #"{ "token_type": "bearer", "access_token": "eyJ4NXUiOi...", "expires_in": 86399990 }"#
    static let page = #"""
        { "offset": 0, "limit": 10, "total": 289,
          "audiences": [ { "id": 1216090, "name": "A1 -  Active account l-1489628809975",
                           "description": "--", "origin": "target",
                           "modifiedAt": "2017-03-16T01:47:07Z", "workspace": "1234567" },
                         { "id": 7, "name": "rules", "targetRule": {"and": [{"page": {"url": {"equals": ["x"]}}}]},
                           "audienceRule": null, "type": "reusable" } ] }
        """#

    @Test func theContractsExamplesAreReadFastAndAsJSONDecoderReadsThem() throws {
        let integration = Self.both(Console.Integration.self, Self.integration, fast: Console.Integration.fast)
        #expect(integration.0 != nil && integration.0 == integration.1)
        #expect(integration.0?.serviceProperties?.first?.licenseConfigs?.first?.productId == "ABCD")
        #expect(Self.readsFast(Self.integration, Console.Integration.fast))

        let created = Self.both(Console.CreatedCredential.self, Self.created, fast: Console.CreatedCredential.fast)
        #expect(created.0 != nil && created.0 == created.1)
        #expect(Self.readsFast(Self.created, Console.CreatedCredential.fast))

        let token = Self.both(IMSClient.TokenResponse.self, Self.token, fast: IMSClient.TokenResponse.fast)
        #expect(token.0 != nil && token.0 == token.1)
        #expect(Self.readsFast(Self.token, IMSClient.TokenResponse.fast))

        let page = Self.both(TargetClient.AudiencePage.self, Self.page, fast: TargetClient.AudiencePage.fast)
        #expect(page.0?.audiences.count == 2 && page.0?.audiences == page.1?.audiences)
        #expect(page.0?.total == page.1?.total && page.0?.offset == page.1?.offset && page.0?.total == 289)
        #expect(Self.readsFast(Self.page, TargetClient.AudiencePage.fast))
    }

    @Test func answersTheFastDecoderLeavesAloneGetJSONDecodersAnswer() {
        // An id as a number (JSONDecoder keeps every digit), a repeated key (JSONDecoder keeps the first), a member
        // of another type, a fractional integer, a trailing comma: the fallback decides, with JSONDecoder's answer.
        let integrations = [
            #"{"id":4566206088344794932,"name":"n"}"#, #"{"id":"1","name":"first","name":"second"}"#,
            #"{"id":"1","name":7}"#, #"{"id":"1","serviceProperties":[{"sdkCode":"s","scopes":[1]}]}"#,
            #"{"id":"1",}"#, #"{"name":"no id"}"#, #"[]"#, "",
        ]
        for body in integrations {
            let (fast, decoder) = Self.both(Console.Integration.self, body, fast: Console.Integration.fast)
            #expect(fast == decoder, "\(body)")
            #expect(!Self.readsFast(body, Console.Integration.fast), "\(body)")
        }
        #expect(
            Self.both(Console.Integration.self, integrations[0], fast: Console.Integration.fast).0?.id
                == "4566206088344794932")
        #expect(Self.both(Console.Integration.self, integrations[1], fast: Console.Integration.fast).0?.name == "first")
        let pages = [
            #"{"audiences":[{"id":1.5,"name":"n"}]}"#, #"{"audiences":[{"id":9007199254740993,"name":"n"}]}"#,
            #"{"total":"3","audiences":[]}"#, #"{"total":3}"#,
        ]
        for body in pages {
            let (fast, decoder) = Self.both(TargetClient.AudiencePage.self, body, fast: TargetClient.AudiencePage.fast)
            #expect(fast?.audiences == decoder?.audiences && fast?.total == decoder?.total, "\(body)")
            #expect(!Self.readsFast(body, TargetClient.AudiencePage.fast), "\(body)")
        }
        #expect(
            Self.both(TargetClient.AudiencePage.self, pages[1], fast: TargetClient.AudiencePage.fast).0?
                .audiences.first?.id == 9_007_199_254_740_993)
        let (fast, decoder) = Self.both(
            IMSClient.TokenResponse.self, #"{"access_token":"t","expires_in":"1"}"#,
            fast: IMSClient.TokenResponse.fast)
        #expect(fast == nil && decoder == nil)
    }

    // MARK: - Random variations

    /// One member: left out, `null`, a string, a number, an integer written as a fraction, a Boolean, an array of
    /// strings, or an object.
    static func randomMember(_ random: inout SplitMix64) -> String? {
        switch Int.random(in: 0..<12, using: &random) {
        case 0: return nil
        case 1: return "null"
        case 2: return "12.0"
        case 3: return "\(Int.random(in: -5...100_000, using: &random))"
        case 4: return Bool.random(using: &random) ? "true" : "false"
        case 5: return #"["a","b\u00e9"]"#
        case 6: return #"{"and":[{"x":1}]}"#
        case 7: return "-0.25"
        default: return randomString(&random)
        }
    }

    /// An object with `keys`: mostly a member of the model's type (`typed`, else a random string), otherwise a
    /// random member of any kind; sometimes with one key repeated.
    static func randomObject(_ keys: [String], _ random: inout SplitMix64, typed: [String: String] = [:]) -> String {
        var members: [String] = []
        for key in keys {
            if Int.random(in: 0..<5, using: &random) > 0 {
                members.append("\"\(key)\":\(typed[key] ?? randomString(&random))")
            } else if let value = randomMember(&random) {
                members.append("\"\(key)\":\(value)")
            }
        }
        if !members.isEmpty, Int.random(in: 0..<10, using: &random) == 0 {
            members.append(members[Int.random(in: 0..<members.count, using: &random)])
        }
        members.shuffle(using: &random)
        return "{" + members.joined(separator: ",") + "}"
    }

    static func randomString(_ random: inout SplitMix64) -> String {
        let pieces = ["a", "Z", " ", "\\\"", "\\\\", "é", "😀", "\\u00e9", "/"]
        let text = (0..<Int.random(in: 0..<6, using: &random)).map { _ in
            pieces[Int.random(in: 0..<pieces.count, using: &random)]
        }.joined()
        return "\"\(text)\""
    }

    @Test func randomAnswersDecodeAsJSONDecoderDecodesThem() {
        var random = SplitMix64(seed: 2024)
        var readFast = [String: Int]()
        for _ in 0..<3_000 {
            let config = Self.randomObject(
                ["id", "name", "productId", "description", "selected"], &random, typed: ["selected": "true"])
            let service = Self.randomObject(
                ["sdkCode", "scopes", "licenseConfigs"], &random,
                typed: ["sdkCode": #""AdobeTargetSDK""#, "scopes": #"["openid"]"#, "licenseConfigs": "[\(config)]"])
            let integration = Self.randomObject(
                ["id", "name", "apikey", "technicalAccountId", "technicalAccountEmail", "serviceProperties"], &random,
                typed: ["id": #""42""#, "serviceProperties": "[\(service)]"])
            let (fast, decoder) = Self.both(Console.Integration.self, integration, fast: Console.Integration.fast)
            #expect(fast == decoder, "\(integration)")
            if Self.readsFast(integration, Console.Integration.fast) { readFast["integration", default: 0] += 1 }

            let created = Self.randomObject(
                ["id", "apiKey", "orgId", "technicalAccountId"], &random, typed: ["id": #""7""#, "apiKey": #""k""#])
            let pair = Self.both(Console.CreatedCredential.self, created, fast: Console.CreatedCredential.fast)
            #expect(pair.0 == pair.1, "\(created)")
            if Self.readsFast(created, Console.CreatedCredential.fast) { readFast["created", default: 0] += 1 }

            let audience = Self.randomObject(
                [
                    "id", "name", "description", "origin", "targetRule", "audienceRule", "type", "workspace",
                    "modifiedAt",
                ], &random, typed: ["id": "12", "targetRule": #"{"and":[]}"#, "audienceRule": "null"])
            let page = Self.randomObject(
                ["total", "audiences", "offset"], &random,
                typed: ["audiences": "[\(audience)]", "total": "3", "offset": "0"])
            let pages = Self.both(TargetClient.AudiencePage.self, page, fast: TargetClient.AudiencePage.fast)
            #expect(
                pages.0?.audiences == pages.1?.audiences && pages.0?.total == pages.1?.total
                    && pages.0?.offset == pages.1?.offset && (pages.0 == nil) == (pages.1 == nil), "\(page)")
            if Self.readsFast(page, TargetClient.AudiencePage.fast) { readFast["page", default: 0] += 1 }

            let token = Self.randomObject(
                ["access_token", "token_type", "expires_in"], &random,
                typed: ["access_token": #""t""#, "expires_in": "3600"])
            let tokens = Self.both(IMSClient.TokenResponse.self, token, fast: IMSClient.TokenResponse.fast)
            #expect(tokens.0 == tokens.1, "\(token)")
            if Self.readsFast(token, IMSClient.TokenResponse.fast) { readFast["token", default: 0] += 1 }
        }
        // The variations reach the fast decoders, not only the fallback.
        for kind in ["integration", "created", "page", "token"] {
            #expect(readFast[kind, default: 0] > 50, "\(kind) read fast \(readFast[kind, default: 0]) times")
        }
    }
}
