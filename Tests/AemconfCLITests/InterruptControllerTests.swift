import AemconfModel
import Foundation
import Testing

@testable import AemconfCLI

/// The two-step stop, driven by calling the handler directly (no real signal reaches the test runner).
@Suite struct InterruptControllerTests {
    final class Recorder: Sendable {
        let exits = LockedState<[Int32]>([])
        let lines = LockedState<[String]>([])
        let callbacks = LockedState<[Int32]>([])
    }

    static func controller(_ recorder: Recorder) -> InterruptController {
        InterruptController(
            terminate: { code in recorder.exits.withLock { $0.append(code) } },
            writeError: { line in recorder.lines.withLock { $0.append(line) } }
        )
    }

    @Test func theFirstSignalRequestsADrainAndRunsTheCallbacksWithoutExiting() {
        let recorder = Recorder()
        let controller = Self.controller(recorder)
        controller.onFirstSignal { number in recorder.callbacks.withLock { $0.append(number) } }
        controller.handle(SIGINT)
        #expect(controller.flag.isRequested)
        #expect(recorder.callbacks.withLock { $0 } == [SIGINT])
        #expect(recorder.exits.withLock { $0 }.isEmpty, "the first signal never exits by itself")
    }

    @Test func withNoCallbackTheFirstSignalSaysItIsDraining() {
        let recorder = Recorder()
        let controller = Self.controller(recorder)
        controller.handle(SIGTERM)
        #expect(controller.flag.isRequested)
        let lines = recorder.lines.withLock { $0 }
        #expect(lines.count == 1)
        #expect(lines.first?.contains("received SIGTERM; finishing the running step") == true)
    }

    @Test func theSecondSignalStopsAtOnceWith128PlusTheSignal() throws {
        let recorder = Recorder()
        let controller = Self.controller(recorder)
        controller.onFirstSignal { _ in }
        controller.handle(SIGINT)
        controller.handle(SIGINT)
        #expect(recorder.exits.withLock { $0 } == [130])
        let line = try #require(recorder.lines.withLock { $0 }.last)
        #expect(line.contains("stopped immediately"))
        #expect(line.contains("SQLite state lock expires by itself"))
        #expect(line.contains("PostgreSQL lock was released"))
        #expect(line.hasSuffix("\n") && line.dropLast().contains("\n") == false, "one line")
    }

    @Test func aRemovedCallbackIsNotRunAndALateOneRunsAtOnce() {
        let recorder = Recorder()
        let controller = Self.controller(recorder)
        let removed = controller.onFirstSignal { _ in recorder.callbacks.withLock { $0.append(-1) } }
        controller.removeCallback(removed)
        controller.handle(SIGINT)
        controller.onFirstSignal { number in recorder.callbacks.withLock { $0.append(number) } }
        #expect(recorder.callbacks.withLock { $0 } == [SIGINT])
    }
}
