import Dispatch
import Foundation

/// A listener for SIGTERM and SIGINT: it sets a flag that the worker checks between firings
/// and wakes the worker's sleep. These signals no longer end the process, so the firing in
/// progress finishes first (SIGKILL still ends it at once).
final class StopSignals: @unchecked Sendable {
    private let lock = NSLock()
    private var received: Int32?
    private let wake = DispatchSemaphore(value: 0)
    private var sources: [DispatchSourceSignal] = []

    /// Ignores SIGTERM and SIGINT and listens for them on a dispatch queue instead.
    init() {
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [unowned self] in self.record(number) }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        sources.forEach { $0.cancel() }
    }

    /// The name of the first stop signal received (`SIGTERM`, `SIGINT`), or nil.
    var receivedName: String? {
        lock.lock()
        defer { lock.unlock() }
        return received.map { $0 == SIGTERM ? "SIGTERM" : "SIGINT" }
    }

    /// Sleeps for `seconds`, or less when a stop signal arrives.
    func sleep(seconds: TimeInterval) {
        guard receivedName == nil, seconds > 0 else { return }
        _ = wake.wait(timeout: .now() + seconds)
    }

    private func record(_ number: Int32) {
        lock.lock()
        if received == nil { received = number }
        lock.unlock()
        wake.signal()
    }
}
