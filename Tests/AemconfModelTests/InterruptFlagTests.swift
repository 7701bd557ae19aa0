import AemconfModel
import Testing

@Suite struct InterruptFlagTests {
    @Test func aRequestWakesEveryWaiterOnce() async {
        let flag = InterruptFlag()
        #expect(!flag.isRequested)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<3 { group.addTask { await flag.waitUntilRequested() } }
            flag.request()
            flag.request()
            await group.waitForAll()
        }
        #expect(flag.isRequested)
    }

    @Test func waitingOnARequestedFlagReturnsAtOnce() async {
        let flag = InterruptFlag()
        flag.request()
        await flag.waitUntilRequested()
        #expect(flag.isRequested)
    }

    @Test func cancellingAWaiterEndsTheWait() async {
        let flag = InterruptFlag()
        let waiter = Task { await flag.waitUntilRequested() }
        waiter.cancel()
        await waiter.value
        #expect(!flag.isRequested)
    }
}
