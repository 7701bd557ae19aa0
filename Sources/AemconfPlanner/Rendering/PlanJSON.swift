import Foundation

/// The plan as one stable JSON document (`aemconf plan --json`, `schemas/plan.schema.json`).
public enum PlanJSON {
    /// Sorted-key JSON of the plan, with its summary.
    public static func render(_ plan: Plan) -> String {
        struct Document: Encodable {
            var plan: Plan
            var summary: PlanSummary
            var hasChanges: Bool
            func encode(to encoder: any Encoder) throws {
                try plan.encode(to: encoder)
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(summary, forKey: .summary)
                try container.encode(hasChanges, forKey: .hasChanges)
            }
            enum Keys: String, CodingKey { case summary, hasChanges }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = (try? encoder.encode(Document(plan: plan, summary: plan.summary, hasChanges: plan.hasChanges))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
