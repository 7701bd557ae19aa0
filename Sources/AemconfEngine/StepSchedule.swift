import AemconfModel
import AemconfPlanner
import HeapModule

/// Which of a plan's steps may start: a step is ready once every step it depends on in the same plan has
/// finished; among ready steps the one earliest in the plan starts first. A failed or skipped step skips,
/// transitively, every step that depends on it.
///
/// Each step is looked at a bounded number of times (its dependency counter, its dependents' list, one heap
/// insertion), so a walk of N steps costs O(N log N), not a scan of the waiting steps after every step.
struct StepSchedule {
    enum Status { case waiting, running, finished, failed, skipped }

    let steps: [PlannedChange]
    private(set) var status: [Status]
    private var unfinishedDependencies: [Int]
    private var dependents: [[Int]]
    private var ready = Heap<Int>()

    init(_ steps: [PlannedChange]) {
        self.steps = steps
        var position: [ResourceAddress: Int] = [:]
        for (index, step) in steps.enumerated() { position[step.address] = index }
        status = Array(repeating: .waiting, count: steps.count)
        unfinishedDependencies = Array(repeating: 0, count: steps.count)
        dependents = Array(repeating: [], count: steps.count)
        for (index, step) in steps.enumerated() {
            for dependency in Set(step.dependencies) {
                guard let other = position[dependency], other != index else { continue }
                unfinishedDependencies[index] += 1
                dependents[other].append(index)
            }
        }
        for index in steps.indices where unfinishedDependencies[index] == 0 { ready.insert(index) }
    }

    /// Whether some step is ready to start.
    var hasReady: Bool { !ready.isEmpty }

    /// Takes the ready step earliest in the plan and marks it running.
    mutating func start() -> (index: Int, change: PlannedChange)? {
        guard let index = ready.popMin() else { return nil }
        status[index] = .running
        return (index, steps[index])
    }

    /// Marks `index`'s step finished; its dependents whose dependencies have all finished become ready.
    mutating func finished(_ index: Int) {
        status[index] = .finished
        for dependent in dependents[index] where status[dependent] == .waiting {
            unfinishedDependencies[dependent] -= 1
            if unfinishedDependencies[dependent] == 0 { ready.insert(dependent) }
        }
    }

    /// Marks `index`'s step failed and returns the steps that are skipped because of it (transitively, in the
    /// order they were reached), each with the dependency that did not finish.
    mutating func failed(_ index: Int) -> [(change: PlannedChange, dependency: ResourceAddress)] {
        status[index] = .failed
        var skipped: [(change: PlannedChange, dependency: ResourceAddress)] = []
        var pending = [index]
        while let blocker = pending.popLast() {
            for dependent in dependents[blocker] where status[dependent] == .waiting {
                status[dependent] = .skipped
                skipped.append((steps[dependent], steps[blocker].address))
                pending.append(dependent)
            }
        }
        return skipped
    }

    /// The steps that never started, in plan order.
    var neverStarted: [PlannedChange] { steps.indices.filter { status[$0] == .waiting }.map { steps[$0] } }
}
