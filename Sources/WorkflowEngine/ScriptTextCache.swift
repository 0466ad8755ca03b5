import CJavaScriptCore

/// The JSON texts of the last few values handed to JavaScript, kept as JavaScript strings, so
/// that instance data passed to several scripts and conditions in a row is rendered and
/// copied into JavaScriptCore once.
///
/// A lookup matches an object or array only when it shares its storage with a cached value.
/// That is the case exactly when the engine has not changed the data since, because the cache
/// keeps the storage alive, so the address cannot be reused, and any change to a shared
/// buffer copies it first. Scalars match by exact text. `==` is not used, because Swift compares strings by
/// canonical equivalence, so `"é"` written precomposed and decomposed are equal but render
/// differently. Not thread-safe, like the `ScriptRuntime` that owns it.
final class ScriptTextCache {
    private struct Entry {
        let value: JSONValue
        let string: JSValueRef
    }

    private let context: JSGlobalContextRef
    private let js: CJSCFunctions
    private let capacity: Int
    /// The most recently used entry first.
    private var entries: [Entry] = []

    init(context: JSGlobalContextRef, js: CJSCFunctions, capacity: Int = 4) {
        self.context = context
        self.js = js
        self.capacity = capacity
    }

    deinit {
        for entry in entries { js.JSValueUnprotect(context, entry.string) }
    }

    /// Returns `value` as a JavaScript string of its compact JSON text.
    func string(for value: JSONValue) -> JSValueRef {
        if let index = entries.firstIndex(where: { Self.isSame($0.value, value) }) {
            let entry = entries.remove(at: index)
            entries.insert(entry, at: 0)
            return entry.string
        }
        let string = js.makeString(value.jsonText, in: context)
        js.JSValueProtect(context, string)
        entries.insert(Entry(value: value, string: string), at: 0)
        if entries.count > capacity {
            js.JSValueUnprotect(context, entries.removeLast().string)
        }
        return string
    }

    /// Reports whether two values render to the same text, checking containers by the
    /// identity of their storage only.
    static func isSame(_ cached: JSONValue, _ value: JSONValue) -> Bool {
        switch (cached, value) {
        case (.object(let left), .object(let right)):
            return storageAddress(of: left) == storageAddress(of: right)
        case (.array(let left), .array(let right)):
            return storageAddress(of: left) == storageAddress(of: right)
        case (.string(let left), .string(let right)):
            return left.utf8.elementsEqual(right.utf8)
        case (.null, .null):
            return true
        case (.bool(let left), .bool(let right)):
            return left == right
        case (.number(let left), .number(let right)):
            return left.bitPattern == right.bitPattern
        default:
            return false
        }
    }

    /// Returns the address of the buffer behind a dictionary or an array, which is the only
    /// stored property of both on Linux (there is no Objective-C bridging).
    private static func storageAddress<Container>(of container: Container) -> UInt {
        precondition(MemoryLayout<Container>.size == MemoryLayout<UInt>.size, "a container is one reference")
        return withUnsafeBytes(of: container) { $0.load(as: UInt.self) }
    }

    /// Forgets every entry, so the values' storage can be freed.
    func removeAll() {
        for entry in entries { js.JSValueUnprotect(context, entry.string) }
        entries.removeAll()
    }
}
