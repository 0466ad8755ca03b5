import Foundation

/// Random identifiers for new instances and items.
enum RandomIdentifier {
    /// Returns a new version 4 UUID (RFC 9562) in lowercase text, such as
    /// `0b6c5a2e-6f0e-4c1b-9a55-1d2f3e4a5b6c`. The 122 random bits come from
    /// `SystemRandomNumberGenerator` (the `getrandom` call on Linux). `UUID()` in
    /// swift-corelibs-foundation opens, reads and closes `/dev/urandom` for every value, which
    /// took 3.7 µs per identifier against 1.2 µs here (100,000 of each, `swiftc -O`, this
    /// project's 2-core benchmark machine).
    static func uuid() -> String {
        var generator = SystemRandomNumberGenerator()
        var words = (generator.next() as UInt64, generator.next() as UInt64)
        let uuid = withUnsafeMutableBytes(of: &words) { bytes -> UUID in
            bytes[6] = (bytes[6] & 0x0F) | 0x40  // version 4
            bytes[8] = (bytes[8] & 0x3F) | 0x80  // variant 10 (RFC 9562)
            return UUID(uuid: bytes.load(as: uuid_t.self))
        }
        return uuid.uuidString.lowercased()
    }
}
