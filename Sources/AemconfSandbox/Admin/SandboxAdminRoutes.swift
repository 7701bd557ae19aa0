import Foundation
import Hummingbird

/// The sandbox-only admin API under `/_sandbox/`, served on every service's port.
///
/// | Method + path | What |
/// |---|---|
/// | `GET /_sandbox/info` | endpoints, seeded credentials, settings, AEM service pack |
/// | `GET /_sandbox/state`, `PUT /_sandbox/state` | dump / replace the whole state (missing slices are kept) |
/// | `GET`, `PUT`, `PATCH /_sandbox/state/{aem,ims,console,target}` | one slice; `PATCH` is a JSON merge patch (RFC 7386) — the way to make drift |
/// | `POST /_sandbox/aem/properties` | `{"path", "properties": {name: value or null}}`: change live AEM properties |
/// | `DELETE /_sandbox/aem/nodes?path=` | remove an AEM node and its subtree |
/// | `POST /_sandbox/target/audiences`, `POST /_sandbox/target/audiences/touch` | seed many audiences at once / rename every k-th (``SandboxAudienceSeed``) |
/// | `GET /_sandbox/requests?service=&after=`, `DELETE /_sandbox/requests` | the request log / clear it |
/// | `GET /_sandbox/clock`, `PUT /_sandbox/clock` | `{"now": ISO 8601 or null}` or `{"advanceSeconds": n}` |
/// | `GET`, `PUT`, `DELETE /_sandbox/faults` | the ``SandboxFaults`` in force |
/// | `GET`, `PUT /_sandbox/settings` | ``SandboxSettings`` (e.g. Target throttling) |
/// | `POST /_sandbox/reset` | back to the start state; clears log, faults and clock |
public enum SandboxAdminRoutes {
    /// Mounts the admin API on `router`.
    public static func register(on router: Router<SandboxRequestContext>, runtime: SandboxRuntime) {
        let admin = router.group(RouterPath(SandboxAdminPath.prefix))
        let store = runtime.store

        admin.get("info") { _, _ in
            let state = await store.snapshot()
            let info = SandboxAdminInfo(
                endpoints: runtime.endpoints,
                credentials: SandboxCredentials.seeded(in: state),
                settings: await store.settings,
                aemServicePack: state.aem.servicePack,
                aemIMSHotfix: state.aem.imsHotfix
            )
            return try SandboxAdminResponse.json(info)
        }

        admin.get("state") { _, _ in
            try SandboxAdminResponse.json(await store.snapshot())
        }
        admin.put("state") { request, context in
            let data = try await SandboxAdminResponse.body(request, context: context)
            let current = await store.snapshot()
            let replacement: SandboxState
            do {
                replacement = try SandboxStateSlices.decodePartial(data, over: current)
            } catch {
                return SandboxAdminResponse.error(
                    .badRequest, "invalid-state", "the body is not a sandbox state: \(error)")
            }
            await store.replace(with: replacement)
            return SandboxAdminResponse.ok()
        }
        admin.get("state/:slice") { _, context in
            let name = context.parameters.get("slice") ?? ""
            guard let slice = SandboxStateSlices.Slice(rawValue: name) else {
                return SandboxAdminResponse.unknownSlice(name)
            }
            let state = await store.snapshot()
            return try SandboxAdminResponse.raw(SandboxStateSlices.encode(slice, of: state))
        }
        admin.put("state/:slice") { request, context in
            let name = context.parameters.get("slice") ?? ""
            guard let slice = SandboxStateSlices.Slice(rawValue: name) else {
                return SandboxAdminResponse.unknownSlice(name)
            }
            let data = try await SandboxAdminResponse.body(request, context: context)
            do {
                var state = await store.snapshot()
                try SandboxStateSlices.replace(slice, in: &state, with: data)
                await store.replace(with: state)
            } catch {
                return SandboxAdminResponse.error(
                    .badRequest, "invalid-slice", "the body is not a '\(name)' slice: \(error)")
            }
            return SandboxAdminResponse.ok()
        }
        admin.patch("state/:slice") { request, context in
            let name = context.parameters.get("slice") ?? ""
            guard let slice = SandboxStateSlices.Slice(rawValue: name) else {
                return SandboxAdminResponse.unknownSlice(name)
            }
            let data = try await SandboxAdminResponse.body(request, context: context)
            do {
                var state = await store.snapshot()
                let current = try SandboxStateSlices.encode(slice, of: state)
                let patched = try SandboxJSONMergePatch.apply(patch: data, to: current)
                try SandboxStateSlices.replace(slice, in: &state, with: patched)
                await store.replace(with: state)
                return try SandboxAdminResponse.raw(SandboxStateSlices.encode(slice, of: state))
            } catch {
                return SandboxAdminResponse.error(
                    .badRequest, "invalid-patch", "the merge patch cannot be applied to '\(name)': \(error)")
            }
        }

        admin.post("aem/properties") { request, context in
            let data = try await SandboxAdminResponse.body(request, context: context)
            let change: SandboxAEMPropertyChange
            do {
                change = try JSONDecoder().decode(SandboxAEMPropertyChange.self, from: data)
            } catch {
                return SandboxAdminResponse.error(
                    .badRequest, "invalid-change", "expected {\"path\", \"properties\"}: \(error)")
            }
            let applied = await store.mutate { state in change.apply(to: &state.aem) }
            guard applied else {
                return SandboxAdminResponse.error(.notFound, "no-such-node", "no AEM node at '\(change.path)'")
            }
            return SandboxAdminResponse.ok()
        }
        admin.delete("aem/nodes") { request, _ in
            let path = request.uri.queryParameters.get("path") ?? ""
            let removed = await store.mutate { state in state.aem.removeNode(path) }
            guard removed else {
                return SandboxAdminResponse.error(.notFound, "no-such-node", "no AEM node at '\(path)'")
            }
            return SandboxAdminResponse.ok()
        }

        admin.post("target/audiences") { request, context in
            let data = try await SandboxAdminResponse.body(request, context: context)
            do {
                let seed = try JSONDecoder().decode(SandboxAudienceSeed.self, from: data)
                let now = await store.now()
                let result = try await store.mutate { state in try seed.seed(into: &state.target, now: now) }
                return try SandboxAdminResponse.json([
                    "created": Int64(result.created), "firstId": result.firstID, "lastId": result.lastID,
                ])
            } catch {
                return SandboxAdminResponse.error(.badRequest, "invalid-seed", "\(error)")
            }
        }
        admin.post("target/audiences/touch") { request, context in
            let data = try await SandboxAdminResponse.body(request, context: context)
            do {
                let seed = try JSONDecoder().decode(SandboxAudienceSeed.self, from: data)
                let now = await store.now()
                let touched = try await store.mutate { state in try seed.touch(in: &state.target, now: now) }
                return try SandboxAdminResponse.json(["touched": touched])
            } catch {
                return SandboxAdminResponse.error(.badRequest, "invalid-touch", "\(error)")
            }
        }

        admin.get("requests") { request, _ in
            let serviceName = request.uri.queryParameters.get("service")
            let service = serviceName.flatMap(SandboxService.init(rawValue:))
            if serviceName != nil, service == nil {
                return SandboxAdminResponse.error(
                    .badRequest, "unknown-service", "unknown service '\(serviceName ?? "")'")
            }
            let after = request.uri.queryParameters.get("after").flatMap(UInt64.init) ?? 0
            return try SandboxAdminResponse.json(runtime.requestLog.entries(service: service, after: after))
        }
        admin.delete("requests") { _, _ in
            runtime.requestLog.clear()
            return SandboxAdminResponse.ok()
        }

        admin.get("clock") { _, _ in
            try SandboxAdminResponse.json(SandboxAdminClock(now: await store.now(), fixed: await store.isClockFixed()))
        }
        admin.put("clock") { request, context in
            let data = try await SandboxAdminResponse.body(request, context: context)
            let change: SandboxAdminClockChange
            do {
                change = try SandboxAdminResponse.decoder.decode(SandboxAdminClockChange.self, from: data)
            } catch {
                return SandboxAdminResponse.error(
                    .badRequest, "invalid-clock",
                    "expected {\"now\": ISO 8601 or null} or {\"advanceSeconds\": n}: \(error)")
            }
            if let seconds = change.advanceSeconds {
                await store.advanceClock(by: seconds)
            } else {
                await store.setClock(change.now)
            }
            return try SandboxAdminResponse.json(
                SandboxAdminClock(now: await store.now(), fixed: await store.isClockFixed()))
        }

        admin.get("faults") { _, _ in
            try SandboxAdminResponse.json(runtime.faults.current)
        }
        admin.put("faults") { request, context in
            let data = try await SandboxAdminResponse.body(request, context: context)
            do {
                runtime.faults.set(try JSONDecoder().decode(SandboxFaults.self, from: data))
            } catch {
                return SandboxAdminResponse.error(
                    .badRequest, "invalid-faults", "the body is not a fault set: \(error)")
            }
            return try SandboxAdminResponse.json(runtime.faults.current)
        }
        admin.delete("faults") { _, _ in
            runtime.faults.set(.none)
            return SandboxAdminResponse.ok()
        }

        admin.get("settings") { _, _ in
            try SandboxAdminResponse.json(await store.settings)
        }
        admin.put("settings") { request, context in
            let data = try await SandboxAdminResponse.body(request, context: context)
            do {
                await store.setSettings(try JSONDecoder().decode(SandboxSettings.self, from: data))
            } catch {
                return SandboxAdminResponse.error(
                    .badRequest, "invalid-settings", "the body is not sandbox settings: \(error)")
            }
            return try SandboxAdminResponse.json(await store.settings)
        }

        admin.post("reset") { _, _ in
            await store.replace(with: runtime.initialState)
            await store.setSettings(runtime.initialSettings)
            await store.setClock(nil)
            runtime.faults.set(.none)
            runtime.requestLog.clear()
            return SandboxAdminResponse.ok()
        }
    }
}
