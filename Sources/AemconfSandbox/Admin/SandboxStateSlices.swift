import Foundation

/// Encoding, decoding and replacing the state's slices by name (admin API).
enum SandboxStateSlices {
    /// The slice names of the admin API.
    enum Slice: String {
        case aem, ims, console, target
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    static func encode(_ slice: Slice, of state: SandboxState) throws -> Data {
        switch slice {
        case .aem: try encoder.encode(state.aem)
        case .ims: try encoder.encode(state.ims)
        case .console: try encoder.encode(state.console)
        case .target: try encoder.encode(state.target)
        }
    }

    static func replace(_ slice: Slice, in state: inout SandboxState, with data: Data) throws {
        switch slice {
        case .aem: state.aem = try decoder.decode(AEMState.self, from: data)
        case .ims: state.ims = try decoder.decode(IMSState.self, from: data)
        case .console: state.console = try decoder.decode(ConsoleState.self, from: data)
        case .target: state.target = try decoder.decode(TargetState.self, from: data)
        }
    }

    private struct PartialState: Decodable {
        var aem: AEMState?
        var ims: IMSState?
        var console: ConsoleState?
        var target: TargetState?
    }

    /// Decodes a whole or partial state; slices missing from `data` keep their value in `current`.
    static func decodePartial(_ data: Data, over current: SandboxState) throws -> SandboxState {
        let partial = try decoder.decode(PartialState.self, from: data)
        return SandboxState(
            aem: partial.aem ?? current.aem,
            ims: partial.ims ?? current.ims,
            console: partial.console ?? current.console,
            target: partial.target ?? current.target
        )
    }
}
