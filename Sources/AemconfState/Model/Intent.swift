import AemconfModel
import Foundation

/// A journal row written before a step that creates or changes something remote, cleared when the step's
/// result is committed. Open intents tell the planner what a crash may have left half done.
public struct Intent: Sendable, Hashable, Codable, Identifiable {
    /// What the step is about to do remotely.
    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        /// Create a remote object.
        case create
        /// Change a remote object.
        case update
        /// Replace a remote object.
        case replace
        /// Delete a remote object.
        case delete
    }

    /// A unique id.
    public var id: String
    /// The resource address.
    public var address: ResourceAddress
    /// The remote action.
    public var action: Action
    /// The deterministic remote name or id the step will use, so a crash can be adopted.
    public var remoteName: String
    /// When the intent was written.
    public var createdAt: Date

    /// Creates an intent.
    public init(id: String, address: ResourceAddress, action: Action, remoteName: String, createdAt: Date) {
        self.id = id
        self.address = address
        self.action = action
        self.remoteName = remoteName
        self.createdAt = createdAt
    }
}
