/// A stack of values that hands its top elements out as an exactly-sized `Array` by moving them, without
/// copying (no retain/release per element) and without the growth slack `append` leaves in an array.
///
/// The tree builder keeps the children of every open collection here and moves them into the collection's
/// array when it ends.
final class ScratchStack<Element> {
    // Pushed and popped once per node, so these skip the runtime's exclusivity checks: a stack belongs to
    // one tree builder and is never used re-entrantly.
    @exclusivity(unchecked) private var base: UnsafeMutablePointer<Element>
    @exclusivity(unchecked) private var capacity: Int
    /// Elements on the stack.
    @exclusivity(unchecked) private(set) var count = 0

    init(capacity: Int = 256) {
        self.capacity = max(1, capacity)
        base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// Pushes `element`.
    func push(_ element: consuming Element) {
        if count == capacity {
            let newCapacity = capacity * 2
            let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
            newBase.moveInitialize(from: base, count: count)
            base.deallocate()
            base = newBase
            capacity = newCapacity
        }
        (base + count).initialize(to: element)
        count += 1
    }

    /// Moves the elements from index `first` to the top into a new array and removes them from the stack.
    func popArray(from first: Int) -> [Element] {
        let moved = count - first
        guard moved > 0 else { return [] }
        let source = base + first
        let result = [Element](unsafeUninitializedCapacity: moved) { buffer, initializedCount in
            if let destination = buffer.baseAddress {
                destination.moveInitialize(from: source, count: moved)
                initializedCount = moved
            }
        }
        count = first
        return result
    }

    /// Runs `body` over the elements from index `first` to the top, in place.
    func withTop<Result>(from first: Int, _ body: (UnsafeBufferPointer<Element>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: base + first, count: count - first))
    }

    /// Removes the elements from index `first` to the top and hands them to `transform`, which must move
    /// every one of them out (with `moveElement(from:)`): they are not destroyed afterwards.
    func popArray<Result>(from first: Int, _ transform: (UnsafeMutableBufferPointer<Element>) -> Result) -> Result {
        let elements = UnsafeMutableBufferPointer(start: base + first, count: count - first)
        count = first
        return transform(elements)
    }

    /// Removes every element.
    func removeAll() {
        base.deinitialize(count: count)
        count = 0
    }
}
