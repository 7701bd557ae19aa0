import AemconfProviders
import AemconfResources
import Testing

/// The one mapping from what IMS, Target and AEM answer to a cause and a fix.
@Suite struct FailureCauseTests {
    private func ims(_ status: Int, _ code: String, _ message: String) -> ServiceError {
        ServiceError(
            code: .forStatus(status), step: "requesting a token", service: .ims, method: "POST", path: "/ims/token/v3",
            status: status, remote: RemoteError(code: code, message: message)
        )
    }

    @Test(arguments: [
        (
            400, "invalid_scope", "The metascopes in the JWT are not a subset of the metascopes in the binding.",
            "ims.scope-missing"
        ),
        (400, "invalid_scope", "scope 'target_sdk' is not granted to the client", "ims.scope-missing"),
        (400, "invalid_token", "Could not match JWT signature to any of the bindings", "ims.certificate-mismatch"),
        (400, "invalid_signature", "signature mismatch", "ims.certificate-mismatch"),
        (401, "invalid_client", "invalid client_id/client_secret pair", "ims.wrong-client-secret"),
        (401, "invalid_client", "integration lacks the exchange_jwt scope", "ims.jwt-exchange-not-allowed"),
        (400, "invalid_token", "JWT token is incorrectly formatted, and can not be decoded.", "ims.jwt-rejected"),
    ])
    func imsErrorsMapToCauses(status: Int, code: String, message: String, expected: String) {
        #expect(FailureCause.imsToken(ims(status, code, message))?.code == expected)
    }

    @Test func theMetascopeCauseNamesTheTargetAPI() throws {
        let cause = try #require(
            FailureCause.imsToken(
                ims(
                    400, "invalid_scope", "The metascopes in the JWT are not a subset of the metascopes in the binding."
                )))
        #expect(cause.cause.contains("Adobe Target API or its metascope is missing"))
    }

    @Test func targetStatusesMapToCauses() {
        func target(_ status: Int) -> ServiceError {
            ServiceError(
                code: .forStatus(status), step: "reading audiences", service: .target, method: "GET",
                path: "/wknd/target/audiences", status: status)
        }
        #expect(FailureCause.targetRead(target(403), tenant: "wknd")?.code == "target.forbidden")
        #expect(
            FailureCause.targetRead(target(403), tenant: "wknd")?.cause.contains(
                "lacks a role in the Target product profile") == true)
        #expect(FailureCause.targetRead(target(404), tenant: "wknd")?.code == "target.unknown-tenant")
        // A token request that failed on the way to Target is IMS's failure.
        #expect(
            FailureCause.targetRead(ims(401, "invalid_client", "invalid client_id/client_secret pair"), tenant: "wknd")?
                .code == "ims.wrong-client-secret")
    }

    @Test func aemConnectMessagesMapToCauses() {
        #expect(
            FailureCause.connect("IMS configuration 'x' not found", tenant: "wknd")?.code == "aem.ims-reference-broken")
        #expect(
            FailureCause.connect("Connection to Adobe Target failed: 403 {}", tenant: "wknd")?.code
                == "target.forbidden")
        #expect(
            FailureCause.connect("IMS answered 401 invalid_client", tenant: "wknd")?.code == "ims.wrong-client-secret")
        #expect(FailureCause.connect("something else", tenant: "wknd") == nil)
    }
}
