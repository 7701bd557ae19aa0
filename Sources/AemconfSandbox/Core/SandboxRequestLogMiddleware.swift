import Foundation
import Hummingbird

/// Records method, path (without query), status, service and time of every request a service
/// answers (never the admin API's, never bodies or headers); a POST's or PATCH's body only as a keyed digest.
struct SandboxRequestLogMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext

    let service: SandboxService
    let log: SandboxRequestLog

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        if SandboxAdminPath.isAdmin(path) {
            return try await next(request, context)
        }
        let time = Date()
        let start = ContinuousClock.now
        let method = request.method.rawValue
        var paging: String?
        if service == .target, path.hasSuffix("/target/audiences") {
            let query = request.uri.queryParameters
            paging = ["offset", "limit", "sortBy"].compactMap { name in query.get(name).map { "\(name)=\($0)" } }
                .joined(separator: "&")
        }
        var request = request
        var digest: String?
        if request.method == .post || request.method == .patch {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            if body.readableBytes > 0 { digest = log.digest(body: body.readableBytesView) }
        }
        let record = { (status: Int, fault: String?) in
            self.record(method, path, status, time, start, fault, digest, paging: paging)
        }
        do {
            let response = try await next(request, context)
            record(response.status.code, response.headers[SandboxHTTPField.fault])
            return response
        } catch let dropped as SandboxConnectionDropped {
            record(0, dropped.fault)
            throw dropped
        } catch let error as any HTTPResponseError {
            record(error.status.code, nil)
            throw error
        } catch {
            record(500, nil)
            throw error
        }
    }

    private func record(
        _ method: String,
        _ path: String,
        _ status: Int,
        _ time: Date,
        _ start: ContinuousClock.Instant,
        _ fault: String?,
        _ digest: String?,
        paging: String?
    ) {
        let elapsed = ContinuousClock.now - start
        let milliseconds =
            Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        log.append(
            service: service,
            method: method,
            path: path,
            status: status,
            time: time,
            durationMilliseconds: milliseconds,
            fault: fault,
            bodyDigest: digest,
            paging: paging
        )
    }
}
