import Foundation
import Hummingbird

/// Injects the faults of ``SandboxFaultInjector`` into one service's answers (never the admin API's).
struct SandboxFaultMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext

    let service: SandboxService
    let injector: SandboxFaultInjector

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if SandboxAdminPath.isAdmin(request.uri.path) {
            return try await next(request, context)
        }
        let decision = injector.decide(for: service)
        switch decision {
        case .pass(let latency):
            try await Self.sleep(latency)
            var response = try await next(request, context)
            if latency > 0 { response.headers[SandboxHTTPField.fault] = "latency" }
            return response
        case .error(let status, let latency):
            try await Self.sleep(latency)
            return Self.faultResponse(status: status, fault: "error", extraHeaders: [:])
        case .rateLimit(let retryAfter, let latency):
            try await Self.sleep(latency)
            return Self.faultResponse(status: 429, fault: "rate-limit", extraHeaders: [.retryAfter: String(retryAfter)])
        case .reset, .crashed:
            await SandboxConnectionDropped.drop(context.channel, reset: true)
            throw SandboxConnectionDropped(fault: decision.logName ?? "reset")
        case .close:
            await SandboxConnectionDropped.drop(context.channel, reset: false)
            throw SandboxConnectionDropped(fault: "close")
        }
    }

    private static func sleep(_ milliseconds: Int) async throws {
        if milliseconds > 0 {
            try await Task.sleep(for: .milliseconds(milliseconds))
        }
    }

    private static func faultResponse(status: Int, fault: String, extraHeaders: HTTPFields) -> Response {
        var headers = extraHeaders
        headers[.contentType] = "application/json"
        headers[SandboxHTTPField.fault] = fault
        let body = #"{"error":"sandbox_fault","message":"fault injected by the sandbox","status":\#(status)}"#
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: body))
        )
    }
}
