import AemconfModel
import AemconfProviders
import AemconfTestSupport
import Foundation
import Testing

@Suite struct RemoteErrorTests {
    func parse(_ status: Int, _ body: String, headers: [(String, String)] = []) -> RemoteError? {
        RemoteError.parse(ScriptedTransport.json(status, body, headers: headers), redactor: SecretRedactor())
    }

    @Test func readsEveryDocumentedShape() {
        #expect(
            parse(400, #"{"error":"invalid_scope","error_description":"The metascopes are not a subset"}"#)
                == RemoteError(code: "invalid_scope", message: "The metascopes are not a subset"))
        #expect(
            parse(
                406,
                #"{"httpStatus":406,"requestId":"8752","errors":[{"errorCode":"Unsupported.Feature","message":"Unsupported features detected"}]}"#
            )
                == RemoteError(code: "Unsupported.Feature", message: "Unsupported features detected", requestID: "8752")
        )
        #expect(
            parse(403, #"{"error_code":"403003","message":"Api Key is invalid"}"#)
                == RemoteError(code: "403003", message: "Api Key is invalid"))
        #expect(
            parse(500, #"{"status.code":500,"error":{"class":"javax.jcr.RepositoryException","message":"boom"}}"#)?
                .message == "boom")
        #expect(parse(409, "ERR_MSG_DUPLICATE_NAME") == RemoteError(code: "ERR_MSG_DUPLICATE_NAME"))
        #expect(parse(500, "<html><body>stack</body></html>") == nil)
        #expect(
            parse(
                400,
                "<html><head><title>400 </title></head><body><h1> (400)</h1><p>no JWT &#39;x&#39; here</p></body></html>"
            )
                == RemoteError(message: "no JWT 'x' here")
        )
        #expect(parse(503, "", headers: [("x-request-id", "r1")]) == RemoteError(requestID: "r1"))
    }

    @Test func longMessagesAreShortened() {
        let long = String(repeating: "a", count: 500)
        #expect((parse(400, "{\"message\":\"\(long)\"}")?.message?.count ?? 0) <= 201)
    }
}

@Suite struct FormBodyTests {
    @Test func encodesInOrderWithRepeatsAndPercentEncoding() {
        var form = FormBody()
        form.append("./a@TypeHint", "String[]")
        form.append("./a", "x y")
        form.append("./a", "ü&=")
        #expect(
            String(decoding: form.encoded, as: UTF8.self)
                == ".%2Fa%40TypeHint=String%5B%5D&.%2Fa=x%20y&.%2Fa=%C3%BC%26%3D")
    }

    @Test func randomTextIsEncodedAsFoundationEncodesIt() {
        var unreserved = CharacterSet(charactersIn: "-._~")
        unreserved.formUnion(CharacterSet(charactersIn: "a"..."z"))
        unreserved.formUnion(CharacterSet(charactersIn: "A"..."Z"))
        unreserved.formUnion(CharacterSet(charactersIn: "0"..."9"))
        var random = SplitMix64(seed: 3986)
        let pieces = ["a", "Z", "9", "-", ".", "_", "~", " ", "/", "%", "+", "=", "&", "\n", "é", "中", "😀", "\u{0}"]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0..<12, using: &random)).map { _ in
                pieces[Int.random(in: 0..<pieces.count, using: &random)]
            }.joined()
            #expect(FormBody.percentEncode(text) == text.addingPercentEncoding(withAllowedCharacters: unreserved))
        }
    }

    @Test func multipartCarriesFilesAndFields() {
        var body = MultipartBody(boundary: "B")
        body.append("alias", "k1")
        body.appendFile("pk", filename: "k1.der", contentType: "application/octet-stream", data: [1, 2])
        let text = String(decoding: body.encoded, as: UTF8.self)
        #expect(text.hasPrefix("--B\r\nContent-Disposition: form-data; name=\"alias\"\r\n\r\nk1\r\n"))
        #expect(
            text.contains(
                "name=\"pk\"; filename=\"k1.der\"\r\nContent-Type: application/octet-stream\r\n\r\n\u{01}\u{02}\r\n"))
        #expect(text.hasSuffix("--B--\r\n"))
        #expect(body.contentType == "multipart/form-data; boundary=B")
    }
}

@Suite struct AEMProductInfoTests {
    @Test func readsTheServicePack() {
        let info = AEMProductInfo(lines: ["Installed Products", "  Adobe Experience Manager (6.5.21.0)"])
        #expect(info.version == "6.5.21.0")
        #expect(info.servicePack == 21)
        #expect(info.supportsOAuthServerToServer == true)
        #expect(
            AEMProductInfo(lines: ["Adobe Experience Manager, Version 6.5.17.0"]).supportsOAuthServerToServer == false)
        #expect(AEMProductInfo(lines: ["something else"]).supportsOAuthServerToServer == nil)
    }
}

@Suite struct TargetFieldNamesTests {
    @Test func namesComeFromTheDialogAndTheRestAreMarkedAssumed() throws {
        let dialog = #"""
            {"jcr:primaryType":"cq:Dialog","items":{"tab1_general":{"items":{
              "clientcode":{"xtype":"textfield","name":"./clientcode","fieldLabel":"Client Code"},
              "tenant":{"xtype":"textfield","name":"./tenantId","fieldLabel":"Tenant ID"},
              "ims":{"xtype":"selection","name":"./imsConfigId","fieldLabel":"IMS Configuration"},
              "a4tAnalyticsConfig":{"xtype":"selection","name":"./a4tAnalyticsConfig","fieldLabel":"A4T Analytics Cloud Configuration"},
              "accurate":{"xtype":"checkbox","name":"./accurateTargeting","fieldLabel":"Use accurate targeting"},
              "hint":{"xtype":"hidden","name":"./accurateTargeting@TypeHint","value":"Boolean"}
            }}}}
            """#
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(dialog.utf8))
        let names = TargetFieldNames.fromDialog(json)
        #expect(names.name(of: .clientCode) == "clientcode")
        #expect(names.name(of: .tenantID) == "tenantId")
        #expect(names.name(of: .imsConfiguration) == "imsConfigId")
        #expect(names.name(of: .a4tAnalyticsConfiguration) == "a4tAnalyticsConfig")
        #expect(names.name(of: .accurateTargeting) == "accurateTargeting")
        #expect(!names.assumed.contains(.clientCode))
        #expect(names.assumed.contains(.segmentSync))
        #expect(names.name(of: .segmentSync) == ServiceAssumptions.targetPropertyFallbacks[.segmentSync])
    }

    @Test func withoutADialogEveryNameIsAssumed() {
        let names = TargetFieldNames.fromDialog(nil)
        #expect(names.assumed == Set(TargetCloudServiceField.allCases))
    }
}

@Suite struct AEMIMSConfigurationTests {
    func configuration(_ authentication: AEMIMSConfiguration.Authentication) -> AEMIMSConfiguration {
        AEMIMSConfiguration(
            name: "target-prod", title: "Adobe Target (prod)", authorizationServer: "https://ims-na1.adobelogin.com/",
            clientID: "abc", clientSecret: Secret("CANARY-imscfg"), organizationID: "ORG@AdobeOrg",
            authentication: authentication
        )
    }

    func values(_ properties: [(name: String, values: [String])]) -> [String: [String]] {
        Dictionary(properties.map { ($0.name, $0.values) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func jwtPropertiesCarryClaimsAliasAndExchangeURL() {
        let properties = values(
            configuration(
                .jwt(
                    keypairAlias: "aem-target", technicalAccountID: "TA@techacct.adobe.com",
                    metascopes: ["ent_marketing_sdk"])
            ).providerProperties)
        #expect(properties["auth.token.provider.keypair.alias"] == ["aem-target"])
        #expect(properties["auth.access.token.request"] == ["https://ims-na1.adobelogin.com/ims/exchange/jwt"])
        #expect(
            properties["auth.token.provider.default.claims"] == [
                #""iss" : "ORG@AdobeOrg""#, #""sub" : "TA@techacct.adobe.com""#,
                #""aud" : "https://ims-na1.adobelogin.com/c/abc""#,
                #""https://ims-na1.adobelogin.com/s/ent_marketing_sdk" : true"#,
            ])
        #expect(properties["auth.token.provider.authorization.grants"] == nil)
        #expect(properties["token.request.customizer.type"] == ["aemconf-target-prod"])
    }

    @Test func oauthPropertiesCarryGrantOrgScopeAndV3URL() {
        let config = configuration(.oauthServerToServer(scopes: ["openid", "AdobeID", "target_sdk"]))
        let properties = values(config.providerProperties)
        #expect(properties["auth.token.provider.authorization.grants"] == ["client_credentials"])
        #expect(properties["auth.token.provider.orgId"] == ["ORG@AdobeOrg"])
        #expect(properties["auth.access.token.request"] == ["https://ims-na1.adobelogin.com/ims/token/v3"])
        #expect(properties["auth.token.provider.scope"] == ["openid,AdobeID,target_sdk"])
        #expect(properties["auth.token.provider.default.claims"] == [#""iss" : "ORG@AdobeOrg""#])
        #expect(properties["auth.token.provider.keypair.alias"] == nil)
        #expect(!"\(config) \(config.providerProperties) \(config.customizerProperties)".contains("CANARY"))
    }
}
