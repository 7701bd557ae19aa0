import Foundation

/// The plan as one stable JSON document: `aemconf plan --json`, described by `schemas/plan.schema.json`.
///
/// The document is its own format, independent of the saved plan (``PlanFile``) and of the Swift types:
/// - every key is always present; an absent value is `null` (`before` of a create, `after` of a delete,
///   `attribute` of a deleted-object drift);
/// - a value is `{"value": <JSON>}`, `{"sensitive": true}` or `{"unknown": true}`. A secret's fingerprint is
///   left out: it tells a reader nothing (an attribute change on a secret already says the secret changes),
///   and output that ends up in CI logs should carry no derivative of a secret. The saved plan keeps it,
///   because apply compares it;
/// - `formatVersion` is ``formatVersion``, the version of this document's shape (not of the saved plan);
/// - keys are sorted, dates are ISO 8601 in UTC, whole seconds.
public enum PlanJSON {
    /// The version of the document's shape; bumped when a field is removed or changes meaning.
    public static let formatVersion = 1

    /// The plan as one JSON document with sorted keys: one line, or indented when `prettyPrinted`.
    public static func render(_ plan: Plan, prettyPrinted: Bool = false) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if prettyPrinted { encoder.outputFormatting.insert(.prettyPrinted) }
        encoder.dateEncodingStrategy = .iso8601
        // A JSON number cannot be NaN or infinite; such a value (never read from a service) prints as a string.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity",
            negativeInfinity: "-Infinity",
            nan: "NaN"
        )
        do {
            return String(decoding: try encoder.encode(Document(plan)), as: UTF8.self)
        } catch {
            // Strings, integers, booleans and finite-or-stringified numbers always encode.
            preconditionFailure("PlanJSON: the plan document failed to encode: \(error)")
        }
    }
}

// MARK: - The document

extension PlanJSON {
    /// The top-level document.
    private struct Document: Encodable {
        var plan: Plan

        init(_ plan: Plan) { self.plan = plan }

        enum Keys: String, CodingKey {
            case formatVersion, toolVersion, createdAt, workspace, lineage, serial, configDigest, refreshed
            case changes, drift, problems, summary, hasChanges, segments
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(PlanJSON.formatVersion, forKey: .formatVersion)
            try container.encode(plan.toolVersion, forKey: .toolVersion)
            try container.encode(plan.createdAt, forKey: .createdAt)
            try container.encode(plan.workspace, forKey: .workspace)
            try container.encode(plan.lineage, forKey: .lineage)
            try container.encode(plan.serial, forKey: .serial)
            try container.encode(plan.configDigest, forKey: .configDigest)
            try container.encode(plan.refreshed, forKey: .refreshed)
            try container.encode(plan.changes.map(Change.init), forKey: .changes)
            try container.encode(plan.drift.map(DriftEntry.init), forKey: .drift)
            try container.encode(plan.problems.map(Problem.init), forKey: .problems)
            try container.encode(Summary(plan.summary), forKey: .summary)
            try container.encode(plan.hasChanges, forKey: .hasChanges)
            try container.encode(plan.segmentSyncs.map(SegmentEntry.init), forKey: .segments)
        }
    }

    /// One entry of `segments`: the cloud service, the pass, the counts (`null` when known only after apply), the
    /// hand-authored segments left alone and the deletion cap.
    private struct SegmentEntry: Encodable {
        var sync: SegmentSyncPlan

        init(_ sync: SegmentSyncPlan) { self.sync = sync }

        enum Keys: String, CodingKey {
            case address, pass, root, create, update, delete, unchanged, handAuthored, handAuthoredPaths, maxDeletes
            case unknownReason, line
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(sync.address.description, forKey: .address)
            try container.encode(sync.forecast?.pass.rawValue, forKey: .pass)
            try container.encode(sync.forecast?.root, forKey: .root)
            try container.encode(sync.forecast?.counts.create, forKey: .create)
            try container.encode(sync.forecast?.counts.update, forKey: .update)
            try container.encode(sync.forecast?.counts.delete, forKey: .delete)
            try container.encode(sync.forecast?.counts.unchanged, forKey: .unchanged)
            try container.encode(sync.forecast?.handAuthored, forKey: .handAuthored)
            try container.encode(sync.forecast?.handAuthoredPaths, forKey: .handAuthoredPaths)
            try container.encode(sync.maxDeletes, forKey: .maxDeletes)
            try container.encode(sync.unknownReason, forKey: .unknownReason)
            try container.encode(sync.line, forKey: .line)
        }
    }

    /// One entry of `changes`.
    private struct Change: Encodable {
        var change: PlannedChange

        init(_ change: PlannedChange) { self.change = change }

        enum Keys: String, CodingKey {
            case address, action, before, after, attributeChanges, dependencies, resumesInterruptedCreate, reasons
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(change.address.description, forKey: .address)
            try container.encode(change.action.rawValue, forKey: .action)
            try container.encode(change.before.map(Value.attributes), forKey: .before)
            try container.encode(change.after.map(Value.attributes), forKey: .after)
            try container.encode(change.attributeChanges.map(AttributeEntry.init), forKey: .attributeChanges)
            try container.encode(change.dependencies.map(\.description), forKey: .dependencies)
            try container.encode(change.resumesInterruptedCreate, forKey: .resumesInterruptedCreate)
            try container.encode(change.reasons, forKey: .reasons)
        }
    }

    /// One entry of a change's `attributeChanges`.
    private struct AttributeEntry: Encodable {
        var attribute: AttributeChange

        init(_ attribute: AttributeChange) { self.attribute = attribute }

        enum Keys: String, CodingKey { case name, before, after, forcesReplace }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(attribute.name, forKey: .name)
            try container.encode(attribute.before.map(Value.init), forKey: .before)
            try container.encode(attribute.after.map(Value.init), forKey: .after)
            try container.encode(attribute.forcesReplace, forKey: .forcesReplace)
        }
    }

    /// One entry of `drift` (also `aemconf drift --json`): address, kind, attribute, stored, live.
    public struct DriftEntry: Encodable, Sendable {
        var drift: Drift

        /// Wraps `drift`.
        public init(_ drift: Drift) { self.drift = drift }

        enum Keys: String, CodingKey { case address, kind, attribute, stored, live }

        /// Encodes the entry as `plan --json` does.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(drift.address.description, forKey: .address)
            try container.encode(drift.kind.rawValue, forKey: .kind)
            try container.encode(drift.attribute, forKey: .attribute)
            try container.encode(drift.stored.map(Value.init), forKey: .stored)
            try container.encode(drift.live.map(Value.init), forKey: .live)
        }
    }

    /// One entry of `problems`.
    private struct Problem: Encodable {
        var address: String
        var message: String

        init(_ problem: PlanProblem) {
            address = problem.address.description
            message = problem.message
        }
    }

    /// `summary`: how many changes of each action.
    private struct Summary: Encodable {
        var create, update, replace, delete, verify, unchanged: Int

        init(_ summary: PlanSummary) {
            create = summary.create
            update = summary.update
            replace = summary.replace
            delete = summary.delete
            verify = summary.verify
            unchanged = summary.unchanged
        }
    }

    /// A value: `{"value": …}`, `{"sensitive": true}` (no fingerprint) or `{"unknown": true}`.
    private struct Value: Encodable {
        var value: PlanValue

        init(_ value: PlanValue) { self.value = value }

        static func attributes(_ attributes: PlanAttributes) -> [String: Value] {
            attributes.mapValues(Value.init)
        }

        enum Keys: String, CodingKey { case value, sensitive, unknown }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            switch value {
            case .known(let json): try container.encode(json, forKey: .value)
            case .sensitive: try container.encode(true, forKey: .sensitive)
            case .unknown: try container.encode(true, forKey: .unknown)
            }
        }
    }
}
