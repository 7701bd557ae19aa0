import Foundation
import Hummingbird

/// Records method, path (without query), status, service and time of every request a service
/// answers (never the admin API's, never bodies or headers).
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
        func record(_ method: String, _ path: String, _ status: Int, _ time: Date, _ start: ContinuousClock.Instant, _ fault: String?) {
            self.record(method, path, status, time, start, fault, paging: paging)
        }
        do {
            let response = try await next(request, context)
            record(method, path, response.status.code, time, start, response.headers[SandboxHTTPField.fault])
            return response
        } catch let dropped as SandboxConnectionDropped {
            record(method, path, 0, time, start, dropped.fault)
            throw dropped
        } catch let error as any HTTPResponseError {
            record(method, path, error.status.code, time, start, nil)
            throw error
        } catch {
            record(method, path, 500, time, start, nil)
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
            paging: paging
        )
    }
}
