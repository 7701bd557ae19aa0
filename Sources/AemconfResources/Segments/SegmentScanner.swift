import AemconfModel
import AemconfPlanner
import AemconfProviders

/// Streams one cloud service's audiences against its segments, a page at a time: memory holds one page of
/// audiences and the markers of the same id range, never the whole list.
///
/// A full pass reads the list sorted by id and, per page, the owned segments of that page's id range (one
/// QueryBuilder request), so segments whose audience is gone are found in the same pass. An incremental pass reads
/// the list sorted by `-modifiedAt` in growing pages and stops at the last sync's high-water mark.
struct SegmentScanner: Sendable {
    var target: TargetClient
    var aem: AEMClient
    var scope: SegmentScope
    var pageSize: Int

    /// Target refused `sortBy=-modifiedAt` (a `400`): the caller makes a full pass instead.
    struct SortRefused: Error {}

    /// A full pass from `resume` (or from the start), handing each page's work to `handle` before reading the next.
    func full(from resume: SegmentCheckpoint?, _ handle: (SegmentWork) async throws -> Void) async throws {
        // A resume reads from one before the checkpoint's offset: that audience must be at or below the checkpoint's
        // id, else audiences before it were deleted since, the offsets moved, and the pass steps back a page.
        var offset = max(0, (resume?.offset ?? 0) - 1)
        var lower = resume?.lastID
        var resuming = resume != nil
        while true {
            let page = try await target.audiencePage(
                offset: offset, limit: pageSize, sortBy: ServiceAssumptions.targetSortByID)
            let audiences = page.audiences
            if resuming, let lower, offset > 0, let first = audiences.first?.id, first > lower {
                offset = max(0, offset - pageSize)
                continue
            }
            resuming = false
            let isLast = audiences.count < pageSize || page.total.map { offset + audiences.count >= $0 } ?? false
            let upper: Int64? = isLast ? nil : audiences.last?.id
            let fresh = audiences.filter { audience in lower.map { (audience.id ?? .min) > $0 } ?? true }
            let markers = try await aem.segmentMarkers(root: scope.root, owner: scope.owner, above: lower, upTo: upper)
            var work = classify(fresh, markers: markers, removeUnlisted: true)
            work.audiencesRead = audiences.count
            work.total = page.total
            work.resumeOffset = offset + audiences.count
            work.lastID = upper ?? Int64.max
            try await handle(work)
            if isLast { return }
            lower = upper
            offset += audiences.count
        }
    }

    /// The audiences modified after `since`, the newest `modifiedAt` the last sync saw. Target's times have second
    /// resolution: a change made in the same second as that newest one, after it was read, waits for the next full
    /// pass (`fullResyncEveryDays`, `--full-resync`); reading ties again would re-read every audience of a bulk
    /// import made in one second on every sync.
    func incremental(since: String, _ handle: (SegmentWork) async throws -> Void) async throws {
        var offset = 0
        var limit = min(100, pageSize)
        while true {
            let page: TargetClient.AudiencePage
            do {
                page = try await target.audiencePage(
                    offset: offset, limit: limit, sortBy: ServiceAssumptions.targetSortByModifiedAt)
            } catch let error as ServiceError where error.status == 400 {
                throw SortRefused()
            }
            let relevant = Array(page.audiences.prefix { ($0.modifiedAt ?? "") > since })
            if !relevant.isEmpty {
                let ids = relevant.compactMap(\.id)
                let markers = try await aem.segmentMarkers(root: scope.root, owner: scope.owner, audienceIDs: ids)
                var work = classify(relevant, markers: markers, removeUnlisted: false)
                work.audiencesRead = page.audiences.count
                work.total = page.total
                try await handle(work)
            }
            if relevant.count < page.audiences.count || page.audiences.count < limit { return }
            offset += page.audiences.count
            limit = min(pageSize, limit * 10)
        }
    }

    /// Compares `audiences` with the `markers` of the same ids: create, update (a rename, description or workspace
    /// change), unchanged; a marked segment whose audience is filtered out (or, with `removeUnlisted`, not listed)
    /// is deleted when `prune` is on and otherwise kept.
    private func classify(_ audiences: [TargetAudience], markers: [AEMSegmentMarker], removeUnlisted: Bool)
        -> SegmentWork
    {
        var work = SegmentWork()
        var byID: [Int64: AEMSegmentMarker] = [:]
        var duplicates: [AEMSegmentMarker] = []
        for marker in markers {
            if byID[marker.audienceID] == nil { byID[marker.audienceID] = marker } else { duplicates.append(marker) }
        }
        var accepted = Set<Int64>()
        var listed = Set<Int64>()
        for audience in audiences {
            if let modified = audience.modifiedAt, modified > work.highWater { work.highWater = modified }
            guard let id = audience.id else { continue }
            listed.insert(id)
            guard let segment = scope.segment(for: audience) else { continue }
            accepted.insert(id)
            work.owned += 1
            if let marker = byID[id] {
                if marker.fingerprint == segment.fingerprint && marker.path.hasSuffix("/" + segment.pageName) {
                    work.counts.unchanged += 1
                } else {
                    work.counts.update += 1
                    work.writes.append(segment)
                }
            } else {
                work.counts.create += 1
                work.writes.append(segment)
            }
        }
        for marker in byID.values.sorted(by: { $0.audienceID < $1.audienceID })
        where !accepted.contains(marker.audienceID) {
            guard removeUnlisted || listed.contains(marker.audienceID) else { continue }
            if scope.settings.prune {
                work.counts.delete += 1
                work.deletes.append(marker.path)
            } else {
                work.owned += 1
                work.counts.unchanged += 1
            }
        }
        // A second page for one audience id (copied by hand with its marker) is never aemconf's to keep.
        for marker in duplicates where !marker.path.hasSuffix("/" + AEMSegment.pageName(marker.audienceID)) {
            work.counts.delete += 1
            work.deletes.append(marker.path)
        }
        return work
    }
}
