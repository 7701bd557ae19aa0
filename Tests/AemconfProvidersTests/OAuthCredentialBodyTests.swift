import AemconfModel
import AemconfTestSupport
import Foundation
import Testing

@testable import AemconfProviders

/// The OAuth credential's create body is written without `JSONEncoder`: the same text `JSONEncoder` writes with
/// sorted keys and unescaped slashes, and the same JSON as its default output.
@Suite struct OAuthCredentialBodyTests {
    static func randomText(_ random: inout SplitMix64) -> String {
        let pieces = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\u{1}", "é", "😀", "-", "_"]
        return (0..<Int.random(in: 0..<10, using: &random)).map { _ in
            pieces[Int.random(in: 0..<pieces.count, using: &random)]
        }.joined()
    }

    @Test func randomBodiesAreWrittenAsJSONEncoderWritesThem() throws {
        var random = SplitMix64(seed: 4_2)
        let sorted = JSONEncoder()
        sorted.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for round in 0..<1_000 {
            var services: [Console.ServiceSubscription]?
            if Bool.random(using: &random) {
                services = (0..<Int.random(in: 0..<3, using: &random)).map { _ in
                    let profiles = (0..<Int.random(in: 0..<3, using: &random)).map { _ in
                        Console.LicenseConfig(
                            id: Self.randomText(&random), name: Self.randomText(&random),
                            productId: Bool.random(using: &random) ? Self.randomText(&random) : nil)
                    }
                    return Console.ServiceSubscription(sdkCode: Self.randomText(&random), adding: profiles)
                }
            }
            let body = Console.OAuthCredentialBody(
                name: Self.randomText(&random), description: Self.randomText(&random), services: services)
            #expect(body.json == Array(try sorted.encode(body)), "round \(round)")
            #expect(try JSONValue.parse(body.json) == JSONValue.parse(try JSONEncoder().encode(body)), "round \(round)")
        }
    }

    @Test func aSubscribedCreateNamesItsProfiles() throws {
        let profile = Console.LicenseConfig(id: "123", name: "Default Workspace", productId: "ABCD")
        let body = Console.OAuthCredentialBody(
            name: "aemconf-site", description: "d",
            services: [Console.ServiceSubscription(sdkCode: "AdobeTargetSDK", adding: [profile])])
        #expect(
            String(decoding: body.json, as: UTF8.self)
                == #"{"description":"d","name":"aemconf-site","services":[{"licenseConfigs":"#
                + #"[{"id":"123","op":"add","productId":"ABCD"}],"roles":null,"sdkCode":"AdobeTargetSDK"}]}"#)
    }
}
