/// SQLite's `PRAGMA synchronous` setting for a store, which decides when a commit waits for the
/// disk. The store always uses the WAL journal, so both modes keep the file consistent after a
/// crash. They differ in what survives a power loss or an operating system crash.
public enum SynchronousMode: String, Sendable, CaseIterable {
    /// Every commit waits until the write-ahead log is on the disk (an fsync per commit), so a
    /// committed call survives power loss. The default.
    case full = "FULL"
    /// Commits do not wait for the disk; the log is synced at checkpoints only. A power loss
    /// can undo the most recent commits, but never leaves a half-written call. A process crash
    /// loses nothing.
    case normal = "NORMAL"
}
