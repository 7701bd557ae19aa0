import Hummingbird

/// The request context every sandbox route uses. (May become a custom context type; route code
/// should only name this alias.)
public typealias SandboxRequestContext = BasicRequestContext
