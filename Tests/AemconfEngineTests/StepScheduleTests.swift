import AemconfModel
import AemconfPlanner
import Testing

@testable import AemconfEngine

/// The applier's schedule: dependency order, plan order among ready steps, transitive skips after a failure.
struct StepScheduleTests {
    static func change(_ text: String, after dependencies: [String] = []) -> PlannedChange {
        PlannedChange(
            address: ResourceAddress(text)!, action: .create, dependencies: dependencies.map { ResourceAddress($0)! })
    }

    static let stacks: [PlannedChange] = [
        change("ioIntegrations.a"), change("ioIntegrations.b"),
        change("imsConfigurations.a", after: ["ioIntegrations.a"]),
        change("imsConfigurations.b", after: ["ioIntegrations.b"]),
        change("targetCloudServices.a", after: ["imsConfigurations.a", "ioIntegrations.a"]),
        change("targetCloudServices.b", after: ["imsConfigurations.b"]),
    ]

    @Test func readyStepsStartInPlanOrderAndDependentsWaitForTheirDependencies() throws {
        var schedule = StepSchedule(Self.stacks)
        let firstStarted = schedule.start()
        let first = try #require(firstStarted)
        let secondStarted = schedule.start()
        let second = try #require(secondStarted)
        #expect(
            [first.change.address.description, second.change.address.description] == [
                "ioIntegrations.a", "ioIntegrations.b",
            ])
        #expect(schedule.start() == nil)
        schedule.finished(second.index)
        #expect(schedule.start()?.change.address.description == "imsConfigurations.b")
        schedule.finished(first.index)
        let imsStarted = schedule.start()
        let ims = try #require(imsStarted)
        #expect(ims.change.address.description == "imsConfigurations.a")
        #expect(schedule.start() == nil, "targetCloudServices.a still waits for imsConfigurations.a")
        schedule.finished(ims.index)
        #expect(schedule.start()?.change.address.description == "targetCloudServices.a")
        #expect(schedule.neverStarted.map(\.address.description) == ["targetCloudServices.b"])
    }

    @Test func aFailureSkipsEveryStepThatDependsOnItTransitively() throws {
        var schedule = StepSchedule(Self.stacks)
        let firstStarted = schedule.start()
        let first = try #require(firstStarted)
        let skipped = schedule.failed(first.index)
        #expect(Set(skipped.map(\.change.address.description)) == ["imsConfigurations.a", "targetCloudServices.a"])
        #expect(
            skipped.first { $0.change.address.description == "imsConfigurations.a" }?.dependency.description
                == "ioIntegrations.a")
        #expect(schedule.start()?.change.address.description == "ioIntegrations.b")
        #expect(
            schedule.neverStarted.map(\.address.description) == [
                "imsConfigurations.b", "targetCloudServices.b",
            ])
    }

    @Test func dependenciesOutsideThePlanAndRepeatedOnesDoNotHoldAStepBack() throws {
        var schedule = StepSchedule([
            Self.change("imsConfigurations.a", after: ["ioIntegrations.elsewhere"]),
            Self.change("targetCloudServices.a", after: ["imsConfigurations.a", "imsConfigurations.a"]),
        ])
        let imsStarted = schedule.start()
        let ims = try #require(imsStarted)
        #expect(ims.change.address.description == "imsConfigurations.a")
        schedule.finished(ims.index)
        #expect(schedule.start()?.change.address.description == "targetCloudServices.a")
    }
}
