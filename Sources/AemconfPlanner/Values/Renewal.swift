import AemconfModel
import Foundation

/// A part of a resource the services let expire or that policy asks to renew (a JWT certificate, an OAuth
/// client secret), with the rule that says when: the planner compares values only (a date output, the plan's
/// clock, the policy's days) and plans a `replace` of that part with the reason.
public struct Renewal: Sendable, Hashable {
    /// The parts drivers know.
    public enum Part {
        /// A JWT credential's key pair and certificate.
        public static let certificate = "certificate"
        /// An OAuth Server-to-Server client secret.
        public static let clientSecret = "clientSecret"
    }

    /// When the part is due.
    public enum Rule: Sendable, Hashable {
        /// Due once the date in `output` (ISO 8601) is less than `days` away.
        case expiresAt(output: String, renewBeforeDays: Int)
        /// Due once the date in `output` (ISO 8601) is at least `days` old.
        case olderThan(output: String, days: Int)
        /// Only on request (`aemconf rotate ADDRESS`).
        case onRequest
    }

    /// The part's name, the driver's key for it (`certificate`, `clientSecret`).
    public var part: String
    /// How the part is named in reasons ("certificate", "client secret").
    public var noun: String
    /// When it is due.
    public var rule: Rule
    /// The outputs a renewal changes (dependents see them as known after apply); the others keep their values.
    public var changesOutputs: [String]

    /// Creates a renewal.
    public init(part: String, noun: String, rule: Rule, changesOutputs: [String]) {
        self.part = part
        self.noun = noun
        self.rule = rule
        self.changesOutputs = changesOutputs
    }

    /// Why the part is due at `now` given the prior outputs, or `nil` when it is not.
    public func dueReason(outputs: PlanAttributes, now: Date, requested: Bool) -> String? {
        if requested { return "\(noun) rotation requested: must be replaced" }
        switch rule {
        case .onRequest:
            return nil
        case .expiresAt(let output, let days):
            guard let date = Self.date(outputs[output]) else { return nil }
            let left = date.timeIntervalSince(now)
            guard left < Double(days) * 86_400 else { return nil }
            let when = left < 0 ? "expired on" : "expires on"
            return "\(noun) \(when) \(Self.day(date)), within renewBeforeDays (\(days)): must be replaced"
        case .olderThan(let output, let days):
            guard let date = Self.date(outputs[output]) else { return nil }
            guard now.timeIntervalSince(date) >= Double(days) * 86_400 else { return nil }
            return
                "\(noun) created on \(Self.day(date)) is older than rotateSecretEveryDays (\(days)): must be replaced"
        }
    }

    private static func date(_ value: PlanValue?) -> Date? {
        guard case .string(let text)? = value?.knownValue else { return nil }
        return ISO8601Timestamp.date(from: text)
    }

    private static func day(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }
}
