import Foundation

/// The Target Admin API emulator (target.md): `/{tenant}/target/audiences` list, get, create, update
/// (PUT), patch and delete, behind the gateway checks, throttling and media-type versioning.
///
/// ``handle(_:store:throttle:)`` is the single implementation: ``TargetRoutes`` feeds it HTTP requests and
/// the AEM emulator calls it directly for "Connect to Target".
public enum TargetAPI {
    /// The media type of audience payloads (v3).
    public static let audienceMediaType = "application/vnd.adobe.target.v3+json"
    /// The audience API version.
    static let audienceVersion = 3
    /// The longest audience name (target.md §3).
    static let maxNameLength = 255

    /// Answers one call, in this order: path under `/{tenant}/target/`; gateway (403 API key, 401 token);
    /// tenant (404) and credential (403); throttle (503, when ``SandboxSettings/targetThrottling`` is on);
    /// media-type version (406); then the operation.
    public static func handle(
        _ request: TargetRequest, store: SandboxStore,
        throttle: TargetThrottle = .shared
    ) async -> TargetResponse {
        let segments = request.path.split(separator: "/").map(String.init)
        guard segments.count >= 3, segments[1] == "target" else {
            return error(.notFound("no resource at '\(request.path)'"), at: await store.now())
        }
        let tenant = segments[0]
        let (now, settings, access) = await store.readWithClock { state, now, settings in
            let access = TargetAccess.authorize(
                authorization: request.authorization, apiKey: request.apiKey, tenant: tenant,
                at: now, in: state)
            return (now, settings, access)
        }
        let principal: TargetAccess.Principal
        switch access {
        case .success(let allowed): principal = allowed
        case .failure(.gateway(let rejection)):
            return TargetResponse(
                status: rejection.status, contentType: "application/json;charset=utf-8",
                body: encode(rejection.body))
        case .failure(.target(let failure)): return error(failure, at: now)
        }
        if settings.targetThrottling,
            !throttle.admit(
                clientID: principal.token.clientID, store: store, limit: settings.targetCallsPerMinute,
                at: now)
        {
            return error(.throttled, at: now)
        }
        let resource = Array(segments.dropFirst(2))
        guard resource.first == "audiences", resource.count <= 2 else {
            return error(.notFound("no resource at '\(request.path)'"), at: now)
        }
        let method = request.method.uppercased()
        let hasPayload = ["POST", "PUT", "PATCH"].contains(method)
        guard version(of: hasPayload ? request.contentType : request.accept) == audienceVersion else {
            return error(.unsupportedVersion, at: now)
        }
        let operation = TargetAudienceOperation(principal: principal, tenant: tenant, now: now)
        let result: Result<TargetAudienceOperation.Output, TargetError>
        if resource.count == 1 {
            switch method {
            case "GET":
                let query = SandboxForm.urlEncoded(request.query ?? "")
                result = await store.read { operation.list(query: query, in: $0) }
            case "POST":
                result = await store.mutate { operation.create(body: request.body, in: &$0) }
            default:
                result = .failure(
                    TargetError(
                        status: 405, code: "Method.NotAllowed",
                        message: "method '\(method)' is not allowed on audiences"))
            }
        } else {
            guard let id = Int64(resource[1]) else {
                return error(.invalid("audience id '\(resource[1])' is not an integer"), at: now)
            }
            switch method {
            case "GET": result = await store.read { operation.get(id: id, in: $0) }
            case "PUT": result = await store.mutate { operation.update(id: id, body: request.body, in: &$0) }
            case "PATCH": result = await store.mutate { operation.patch(id: id, body: request.body, in: &$0) }
            case "DELETE": result = await store.mutate { operation.delete(id: id, in: &$0) }
            default:
                result = .failure(
                    TargetError(
                        status: 405, code: "Method.NotAllowed",
                        message: "method '\(method)' is not allowed on an audience"))
            }
        }
        switch result {
        case .success(let output):
            return TargetResponse(status: output.status, contentType: audienceMediaType, body: output.body)
        case .failure(let failure):
            return error(failure, at: now)
        }
    }

    /// The API version a media-type header names: `application/vnd.adobe.target.vN+json` gives N; a header
    /// without one (absent, `application/json`, `*/*`) means version 1 (target.md §1).
    static func version(of header: String?) -> Int {
        guard let header else { return 1 }
        for item in header.split(separator: ",") {
            let mediaType = item.split(separator: ";").first.map(SandboxText.trimmingWhitespace)?.lowercased() ?? ""
            let prefix = "application/vnd.adobe.target.v"
            guard mediaType.hasPrefix(prefix), mediaType.hasSuffix("+json") else { continue }
            let number = mediaType.dropFirst(prefix.count).dropLast("+json".count)
            return Int(number) ?? 0
        }
        return 1
    }

    static func error(_ failure: TargetError, at now: Date) -> TargetResponse {
        TargetResponse(
            status: failure.status, contentType: "application/json;charset=utf-8",
            body: encode(failure.body(at: now)))
    }

    /// `value` as JSON with sorted keys and unescaped slashes (``AdobeResponse/encode(_:)``: audience bodies are
    /// written without `JSONEncoder`). Its members had been in the order of the encoder's dictionary, which changes
    /// from one process to the next; JSON gives the order no meaning.
    static func encode(_ value: some Encodable) -> Data {
        AdobeResponse.encode(value)
    }
}
