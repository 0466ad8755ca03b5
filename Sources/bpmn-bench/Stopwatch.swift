import Foundation

/// A monotonic clock reading in nanoseconds (`CLOCK_MONOTONIC`), unaffected by changes of the
/// wall clock.
enum Stopwatch {
    static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    /// Runs `body` and returns its result with the elapsed time in milliseconds.
    static func measure<T>(_ body: () throws -> T) rethrows -> (result: T, milliseconds: Double) {
        let start = now()
        let result = try body()
        return (result, milliseconds(since: start))
    }

    /// Milliseconds from `start` (a `now()` reading) to now.
    static func milliseconds(since start: UInt64) -> Double {
        Double(now() - start) / 1_000_000
    }
}

/// Durations of repeated operations, in milliseconds, with their percentiles.
struct Samples {
    private(set) var values: [Double] = []

    init(_ values: [Double] = []) {
        self.values = values
    }

    mutating func append(_ milliseconds: Double) {
        values.append(milliseconds)
    }

    var count: Int { values.count }
    var total: Double { values.reduce(0, +) }

    /// Returns the nearest-rank percentile: the smallest sample with at least `fraction` of the
    /// samples at or below it, or 0 for no samples.
    func percentile(_ fraction: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    var median: Double { percentile(0.5) }
    var p99: Double { percentile(0.99) }
}

/// Returns the median of `values` (the mean of the middle two for an even count), or 0.
func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// Returns the peak resident set size of this process in MiB (`getrusage`, `ru_maxrss`).
func peakResidentMebibytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // Linux reports KiB.
}

/// Returns the CPU time this process has used so far (user plus system), in milliseconds. Unlike
/// wall time, it does not grow while other processes hold the CPU, so it stays comparable on
/// a loaded machine.
func processCPUMilliseconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let seconds = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
    let microseconds = Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)
    return seconds * 1000 + microseconds / 1000
}
