import Foundation

/// The demo clock's offset as stored in the database, which every inbox and command on that
/// database reads, so that several inboxes agree on the time and none moves it backwards.
public struct SharedClockOffset {
    /// Returns the stored offset in seconds, 0 when none is stored.
    public var load: () throws -> TimeInterval
    /// Stores the given offset in seconds unless a larger one is stored already, in one
    /// write transaction, and returns the offset stored afterwards.
    public var raise: (TimeInterval) throws -> TimeInterval

    public init(load: @escaping () throws -> TimeInterval, raise: @escaping (TimeInterval) throws -> TimeInterval) {
        self.load = load
        self.raise = raise
    }
}
