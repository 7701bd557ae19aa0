import AemconfModel
import Foundation

/// Segment pages (aem.md §6) in bulk: QueryBuilder reads of the ownership marker by id range or by ids, batched
/// `:operation=import` writes and `:applyTo` deletes (aem.md §0.3).
extension AEMClient {
    /// The default folder of a cloud service's segments.
    public static func defaultSegmentRoot(pageName: String) -> String {
        "\(ServiceAssumptions.segmentationRoot)/\(ServiceAssumptions.segmentationFolderName)/\(pageName)"
    }

    /// The markers of `owner`'s segments under `root` whose audience id is above `lower` (if any) and at most `upper`
    /// (if any): one QueryBuilder request.
    public func segmentMarkers(root: String, owner: String, above lower: Int64?, upTo upper: Int64?) async throws
        -> [AEMSegmentMarker]
    {
        var query = markerQuery(root: root, owner: owner)
        query.append(("rangeproperty.property", AEMSegment.Marker.audienceID))
        if let lower {
            query.append(("rangeproperty.lowerBound", String(lower)))
            query.append(("rangeproperty.lowerOperation", ">"))
        }
        if let upper {
            query.append(("rangeproperty.upperBound", String(upper)))
            query.append(("rangeproperty.upperOperation", "<="))
        }
        return try await markers(query, step: "reading the segments under '\(root)'")
    }

    /// The markers of `owner`'s segments under `root` for the audience ids `ids`, ``ServiceAssumptions/segmentLookupBatchSize``
    /// ids per QueryBuilder request.
    public func segmentMarkers(root: String, owner: String, audienceIDs ids: [Int64]) async throws -> [AEMSegmentMarker]
    {
        var result: [AEMSegmentMarker] = []
        var start = 0
        while start < ids.count {
            let chunk = ids[start..<min(ids.count, start + ServiceAssumptions.segmentLookupBatchSize)]
            start += chunk.count
            var query = markerQuery(root: root, owner: owner)
            query.append(("2_property", AEMSegment.Marker.audienceID))
            for (index, id) in chunk.enumerated() { query.append(("2_property.\(index + 1)_value", String(id))) }
            result += try await markers(query, step: "reading segments by audience id under '\(root)'")
        }
        return result
    }

    /// Segment pages under `root` without aemconf's marker (authored by hand): how many, and the first `limit` paths.
    public func unmarkedSegments(root: String, limit: Int) async throws -> (total: Int, paths: [String]) {
        let query: [(name: String, value: String)] = [
            ("path", root), ("type", "cq:PageContent"),
            ("1_property", "sling:resourceType"), ("1_property.value", ServiceAssumptions.segmentPageResourceType),
            ("2_property", AEMSegment.Marker.owner), ("2_property.operation", "not"),
            ("p.hits", "selective"), ("p.properties", "jcr:path"), ("p.limit", String(limit)), ("orderby", "path"),
        ]
        guard
            let json = try await getJSON("/bin/querybuilder.json", query: query, step: "reading hand-authored segments")
        else { return (0, []) }
        let paths = (json["hits"]?.arrayValue ?? []).compactMap { $0["jcr:path"]?.stringValue }
            .map { $0.hasSuffix("/jcr:content") ? String($0.dropLast("/jcr:content".count)) : $0 }
        let total = json["total"]?.stringValue.flatMap { Int($0) } ?? paths.count
        return (total, paths)
    }

    /// Makes sure the folder `root` exists (Sling POST creates missing ancestors).
    public func ensureSegmentFolder(_ root: String) async throws {
        guard try await readJSON(root, step: "reading the segment folder '\(root)'") == nil else { return }
        try await setProperties(
            root, properties: [], primaryType: "sling:Folder", step: "creating the segment folder '\(root)'")
    }

    /// Writes `segments` under `root` in one `:operation=import` (one transaction), marked as owned by `owner`.
    public func importSegments(_ segments: [AEMSegment], root: String, owner: String) async throws {
        guard !segments.isEmpty else { return }
        var content: [String: JSONValue] = [:]
        for segment in segments { content[segment.pageName] = segment.importJSON(owner: owner) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(JSONValue.object(content)), as: UTF8.self)
        var form = FormBody()
        form.append(":operation", "import")
        form.append(":contentType", "json")
        form.append(":replaceProperties", "true")
        form.append(":content", text)
        form.append("_charset_", "utf-8")
        // Importing the same content again converges: safe to repeat.
        try await postForm(
            root, form: form, step: "importing \(segments.count) segments into '\(root)'", idempotent: true)
    }

    /// Deletes the segment pages `paths` (absolute, under `root`) in one `:operation=delete` with `:applyTo`.
    public func deleteSegments(_ paths: [String], root: String) async throws {
        guard !paths.isEmpty else { return }
        var form = FormBody()
        form.append(":operation", "delete")
        for path in paths {
            form.append(":applyTo", path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path)
        }
        try await postForm(
            root, form: form, step: "deleting \(paths.count) segments under '\(root)'", idempotent: true,
            accept: { $0 == 200 || $0 == 204 || $0 == 404 }
        )
    }

    private func markerQuery(root: String, owner: String) -> [(name: String, value: String)] {
        [
            ("path", root), ("type", "cq:PageContent"),
            ("1_property", AEMSegment.Marker.owner), ("1_property.value", owner),
            ("p.hits", "selective"),
            ("p.properties", "jcr:path \(AEMSegment.Marker.audienceID) \(AEMSegment.Marker.fingerprint)"),
            ("p.limit", "-1"), ("orderby", "path"),
        ]
    }

    private func markers(_ query: [(name: String, value: String)], step: String) async throws -> [AEMSegmentMarker] {
        guard let json = try await getJSON("/bin/querybuilder.json", query: query, step: step) else { return [] }
        return (json["hits"]?.arrayValue ?? []).compactMap { hit in
            guard let path = hit["jcr:path"]?.stringValue,
                let id = hit[AEMSegment.Marker.audienceID]?.stringValue.flatMap({ Int64($0) })
            else {
                return nil
            }
            let page = path.hasSuffix("/jcr:content") ? String(path.dropLast("/jcr:content".count)) : path
            return AEMSegmentMarker(
                path: page, audienceID: id, fingerprint: hit[AEMSegment.Marker.fingerprint]?.stringValue ?? "")
        }
    }
}
