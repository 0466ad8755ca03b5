import Foundation

/// One operation the driver reported done, written as a line to standard output only after
/// the engine call returned, which is after its transaction committed:
///
///     ack <marker> <kind> <instanceId> <itemId or ->
///
/// The marker (`p3-000017`: process 3, operation 17) is also written into the data of every
/// operation that takes data, as the key `op_<marker>` with `-` as `_`. The check looks for
/// it in the instance data and in the history.
struct Acknowledgement: Equatable {
    enum Kind: String, CaseIterable {
        case start, invoke, assign, message, signal, timer
    }

    var marker: String
    var kind: Kind
    var instanceId: String
    var itemId: String?

    /// Returns the data key that carries the marker.
    static func dataKey(for marker: String) -> String {
        "op_" + marker.replacingOccurrences(of: "-", with: "_")
    }

    var line: String {
        "ack \(marker) \(kind.rawValue) \(instanceId) \(itemId ?? "-")"
    }

    /// Parses an `ack` line; returns nil for other lines and for a line cut short by a kill.
    init?(line: Substring) {
        let fields = line.split(separator: " ")
        guard fields.count == 5, fields[0] == "ack", let kind = Kind(rawValue: String(fields[2])) else { return nil }
        marker = String(fields[1])
        self.kind = kind
        instanceId = String(fields[3])
        itemId = fields[4] == "-" ? nil : String(fields[4])
    }

    init(marker: String, kind: Kind, instanceId: String, itemId: String?) {
        self.marker = marker
        self.kind = kind
        self.instanceId = instanceId
        self.itemId = itemId
    }

    /// Reads every acknowledgement line of the given files.
    static func read(files: [String]) throws -> [Acknowledgement] {
        try files.flatMap { path -> [Acknowledgement] in
            let text = try String(contentsOfFile: path, encoding: .utf8)
            return text.split(separator: "\n").compactMap { Acknowledgement(line: $0) }
        }
    }

    /// Writes the line with one `write(2)` call, unbuffered, so a kill right after the call
    /// returns cannot lose it, and a kill before it cannot leave half a line that parses.
    func emit() {
        StandardOutput.write(line + "\n")
    }
}

/// Unbuffered writes to the standard output and error descriptors.
enum StandardOutput {
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Foundation.write(1, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written <= 0 { return }
            offset += written
        }
    }

    static func error(_ text: String) {
        let line = text + "\n"
        _ = line.withCString { Foundation.write(2, $0, strlen($0)) }
    }
}
