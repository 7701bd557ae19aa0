import AemconfSandbox
import AemconfTestSupport
import Foundation
import Testing

/// The console's credential indexes answer what a scan of the credentials in order answers, after every kind of
/// change: append, removal by position, by predicate and by id, an element replaced (a rename, a new client id,
/// another org), swaps, sorts, and a round trip through the data file's JSON.
@Suite struct ConsoleCredentialListTests {
    /// Integration ids: numbers, equal numbers written apart (`012`, `12`) and one that is no number (counted as 0).
    static let ids = ["100", "7", "012", "x", "12", "-3"]

    /// A credential whose keys come from small pools, so duplicates (same client id, id or name) occur.
    static func credential(_ random: inout SplitMix64, serial: Int) -> ConsoleCredential {
        ConsoleCredential(
            id: ids[random.next(ids.count)], orgID: "org-\(random.next(2))", projectID: nil,
            workspaceID: "ws-\(random.next(3))", name: "name-\(random.next(5))", description: "#\(serial)",
            kind: random.next(2) == 0 ? .jwt : .oauthServerToServer, clientID: "client-\(random.next(7))",
            technicalAccountID: "t@techacct.adobe.com", technicalAccountEmail: "t@techacct.adobe.com",
            secrets: [], createdAt: Date(timeIntervalSince1970: 0))
    }

    /// Every indexed lookup against the scan of `model`, for every key value of the pools.
    static func expectSameAnswers(_ list: ConsoleCredentialList, _ model: [ConsoleCredential], step: Int) {
        #expect(list.map(\.description) == model.map(\.description), "step \(step)")
        for value in 0..<8 {
            let clientID = "client-\(value)"
            #expect(
                list.firstIndex(clientID: clientID) == model.firstIndex { $0.clientID == clientID },
                "step \(step) client \(clientID)")
            for org in ["org-0", "org-1"] {
                let name = "name-\(value)"
                #expect(
                    list.firstIndex(name: name) { $0.orgID == org }
                        == model.firstIndex { $0.name == name && $0.orgID == org },
                    "step \(step) name \(name) \(org)")
            }
        }
        for id in ids + ["7 ", "nothing"] {
            #expect(list.firstIndex(id: id) == model.firstIndex { $0.id == id }, "step \(step) id \(id)")
            for org in ["org-0", "org-1"] {
                #expect(
                    list.firstIndex(id: id) { $0.orgID == org } == model.firstIndex { $0.id == id && $0.orgID == org },
                    "step \(step) id \(id) \(org)")
            }
        }
        for org in ["org-0", "org-1", "org-2"] {
            let sorted = model.filter { $0.orgID == org }.sorted { (Int($0.id) ?? 0) < (Int($1.id) ?? 0) }
            #expect(list.count(orgID: org) == sorted.count, "step \(step) \(org)")
            let pages = stride(from: 0, to: sorted.count, by: 3).map { $0..<min(sorted.count, $0 + 3) }
            for page in pages + [0..<sorted.count] {
                #expect(
                    list.inIDOrder(orgID: org, range: page).map(\.description) == sorted[page].map(\.description),
                    "step \(step) \(org) \(page)")
            }
        }
    }

    @Test func indexesAnswerAsAScanAfterEveryKindOfChange() throws {
        var random = SplitMix64(seed: 10)
        var list = ConsoleCredentialList()
        var model: [ConsoleCredential] = []
        var largest = 0
        var duplicatedClientIDs = 0
        for step in 0..<1_500 {
            switch random.next(10) {
            case 0, 1, 2, 3:
                let credential = Self.credential(&random, serial: step)
                list.append(credential)
                model.append(credential)
            case 4 where !model.isEmpty:
                let position = random.next(model.count)
                #expect(list.remove(at: position).description == model.remove(at: position).description)
            case 5:
                let id = Self.ids[random.next(Self.ids.count)]
                list.removeAll(id: id)
                model.removeAll { $0.id == id }
            case 6:
                let name = "name-\(random.next(5))"
                list.removeAll { $0.name == name }
                model.removeAll { $0.name == name }
            case 7 where !model.isEmpty:
                // A rename, a new client id or id, another org: one key or several change in place.
                let position = random.next(model.count)
                var changed = model[position]
                switch random.next(4) {
                case 0: changed.name = "name-\(random.next(5))"
                case 1: changed.clientID = "client-\(random.next(7))"
                case 2: changed.id = Self.ids[random.next(Self.ids.count)]
                default: changed = Self.credential(&random, serial: step)
                }
                list[position] = changed
                model[position] = changed
            case 8 where model.count > 1:
                let (first, second) = (random.next(model.count), random.next(model.count))
                list.swapAt(first, second)
                model.swapAt(first, second)
            case 9:
                list = try JSONDecoder().decode(ConsoleCredentialList.self, from: JSONEncoder().encode(list))
            default:
                list.sort { $0.clientID < $1.clientID }
                model.sort { $0.clientID < $1.clientID }
            }
            Self.expectSameAnswers(list, model, step: step)
            largest = max(largest, model.count)
            if Set(model.map(\.clientID)).count < model.count { duplicatedClientIDs += 1 }
        }
        // The run reached lists of some size, most of them holding a client id twice.
        #expect(largest > 10)
        #expect(duplicatedClientIDs > 500)
    }

    @Test func aThrowingPredicateRemovesNothing() {
        var random = SplitMix64(seed: 3)
        var list = ConsoleCredentialList((0..<20).map { Self.credential(&random, serial: $0) })
        let before = Array(list)
        struct Stop: Error {}
        var seen = 0
        #expect(throws: Stop.self) {
            try list.removeAll { _ in
                seen += 1
                if seen == 10 { throw Stop() }
                return true
            }
        }
        Self.expectSameAnswers(list, before, step: 0)
    }

    @Test func storedAsThePlainArrayOfCredentials() throws {
        var random = SplitMix64(seed: 7)
        let credentials = (0..<12).map { Self.credential(&random, serial: $0) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(ConsoleCredentialList(credentials)) == encoder.encode(credentials))
    }

    @Test func aDataFileRestoresTheIndexes() throws {
        var random = SplitMix64(seed: 5)
        let credentials = (0..<40).map { Self.credential(&random, serial: $0) }
        let state = SandboxState(
            aem: AEMState(), ims: IMSState(), console: ConsoleState(credentials: credentials), target: TargetState())
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("credential-list-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("sandbox.json").path
        try SandboxDataFile.write(state, to: path)
        let loaded = try #require(try SandboxDataFile.load(from: path))
        Self.expectSameAnswers(loaded.console.credentials, credentials, step: 0)
    }
}

extension SplitMix64 {
    /// A number in `0..<bound`.
    fileprivate mutating func next(_ bound: Int) -> Int {
        Int.random(in: 0..<bound, using: &self)
    }
}
