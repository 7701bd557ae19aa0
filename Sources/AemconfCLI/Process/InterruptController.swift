import AemconfModel
import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns SIGINT and SIGTERM into aemconf's two-step stop (Terraform's habit).
///
/// The first signal does not exit: it sets ``flag`` (finish the running step, start no new one, release the lock,
/// say what was and was not done) and runs the registered first-signal callbacks. A second signal exits at once
/// with 128 + signal, after one line on standard error saying so and how the state lock ends.
///
/// Handlers are installed with ``install()`` and removed by the matching ``uninstall()``; installs nest, so a short
/// command inside a long operation does not remove the operation's handlers.
public final class InterruptController: Sendable {
    /// One registered first-signal callback, to pass to ``removeCallback(_:)``.
    public struct Registration: Sendable, Hashable {
        fileprivate let id: Int
    }

    private struct State {
        var installs = 0
        var sources: [any DispatchSourceSignal] = []
        var callbacks: [Int: @Sendable (Int32) -> Void] = [:]
        var nextID = 0
        var received: [Int32] = []
    }

    /// The process-wide controller of the `aemconf` executable.
    public static let shared = InterruptController()

    /// Set by the first signal; long operations poll or await it.
    public let flag: InterruptFlag
    private let signals: [Int32]
    private let state = LockedState(State())
    let terminate: @Sendable (Int32) -> Void
    let writeError: @Sendable (String) -> Void

    /// Creates a controller for `signals`; `terminate` and `writeError` are replaced only by tests.
    init(
        signals: [Int32] = [SIGINT, SIGTERM],
        flag: InterruptFlag = InterruptFlag(),
        terminate: @escaping @Sendable (Int32) -> Void = { exit($0) },
        writeError: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.signals = signals
        self.flag = flag
        self.terminate = terminate
        self.writeError = writeError
    }

    /// Installs the handlers (ignoring the signals' default action first) unless already installed.
    public func install() {
        state.withLock { state in
            state.installs += 1
            guard state.installs == 1 else { return }
            for number in signals {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { [weak self] in self?.handle(number) }
                source.resume()
                state.sources.append(source)
            }
        }
    }

    /// Undoes one ``install()``; the last one removes the handlers and restores the signals' default action.
    public func uninstall() {
        state.withLock { state in
            guard state.installs > 0 else { return }
            state.installs -= 1
            guard state.installs == 0 else { return }
            for source in state.sources { source.cancel() }
            state.sources = []
            for number in signals { signal(number, SIG_DFL) }
        }
    }

    /// Runs `callback` with the signal number when the first signal arrives (at once if it already has).
    @discardableResult
    public func onFirstSignal(_ callback: @escaping @Sendable (Int32) -> Void) -> Registration {
        let (registration, alreadyReceived) = state.withLock { state -> (Registration, Int32?) in
            state.nextID += 1
            if let first = state.received.first { return (Registration(id: state.nextID), first) }
            state.callbacks[state.nextID] = callback
            return (Registration(id: state.nextID), nil)
        }
        if let alreadyReceived { callback(alreadyReceived) }
        return registration
    }

    /// Removes a callback registered with ``onFirstSignal(_:)``.
    public func removeCallback(_ registration: Registration) {
        state.withLock { _ = $0.callbacks.removeValue(forKey: registration.id) }
    }

    /// Handles one delivered signal: the first drains, the second stops at once.
    func handle(_ number: Int32) {
        let (count, callbacks) = state.withLock { state -> (Int, [@Sendable (Int32) -> Void]) in
            state.received.append(number)
            guard state.received.count == 1 else { return (state.received.count, []) }
            defer { state.callbacks = [:] }
            return (1, state.callbacks.sorted { $0.key < $1.key }.map(\.value))
        }
        guard count == 1 else {
            if count == 2 {
                writeError(InterruptMessage.stoppedImmediately(signal: number))
                terminate(128 + number)
            }
            return
        }
        flag.request()
        if callbacks.isEmpty {
            writeError(InterruptMessage.draining(signal: number))
        }
        for callback in callbacks { callback(number) }
    }
}
