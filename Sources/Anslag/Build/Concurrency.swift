import Foundation

/// A value made on another thread from the moment it is created; `value()` waits for it. For work
/// that does not depend on what the caller does meanwhile (reading the templates while the content
/// loads, `data/anslag.json` beside the first pages).
final class Pending<Value>: @unchecked Sendable {
    // Unchecked: `made` is written once, before `ready` is signalled, and read only after it.
    private var made: Value?
    private let ready = DispatchSemaphore(value: 0)

    init(_ make: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async { [self] in
            made = make()
            ready.signal()
        }
    }

    /// The value, once made.
    func value() -> Value {
        ready.wait()
        ready.signal()
        return made!
    }
}

/// Results filled in from several threads, one slot each (`DispatchQueue.concurrentPerform`):
/// read `values` once every slot is set.
final class ParallelResults<Value>: @unchecked Sendable {
    // Unchecked: every access holds `lock`.
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) { lock.withLock { slots[index] = value } }

    var values: [Value?] { lock.withLock { slots } }
}

/// `body` applied to each item on all cores, the results in the items' order.
func inParallel<Item: Sendable, Result>(_ items: [Item], _ body: @Sendable (Item) -> Result) -> [Result] {
    let results = ParallelResults<Result>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { index in results.set(index, body(items[index])) }
    return results.values.map { $0! }
}
