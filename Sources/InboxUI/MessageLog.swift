import Foundation

/// The recent messages of the message line, oldest first, for `M` and `:messages`. A message
/// longer than the line is cut there, so this log is where it can be read whole.
struct MessageLog: Equatable {
    /// The number of messages kept; older ones are dropped.
    static let capacity = 50

    struct Entry: Equatable {
        var time: Date
        var message: StatusMessage
    }

    private(set) var entries: [Entry] = []

    /// Adds a message. A repeat of the newest message only updates its time.
    mutating func append(_ message: StatusMessage, at time: Date) {
        if entries.last?.message == message {
            entries[entries.count - 1].time = time
            return
        }
        entries.append(Entry(time: time, message: message))
        if entries.count > Self.capacity { entries.removeFirst(entries.count - Self.capacity) }
    }

    /// Returns one paragraph per message, newest first: local time, kind and text.
    func paragraphs() -> [String] {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        return entries.reversed().map { entry in
            let kind: String
            switch entry.message.kind {
            case .info: kind = ""
            case .success: kind = " ok"
            case .error: kind = " error"
            }
            return "\(formatter.string(from: entry.time))\(kind): \(entry.message.text)"
        }
    }
}

/// Rewrites engine texts for the message line.
enum MessageText {
    /// Replaces every UUID (the form of instance and item ids) with its first six
    /// characters, the prefix the Instances and Tasks panes show.
    static func shortenedIDs(_ text: String) -> String {
        let hex = "[0-9a-fA-F]"
        let pattern = "\(hex){8}-\(hex){4}-\(hex){4}-\(hex){4}-\(hex){12}"
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return text }
        let range = NSRange(text.startIndex..., in: text)
        var result = text
        for match in expression.matches(in: text, range: range).reversed() {
            guard let idRange = Range(match.range, in: result) else { continue }
            result.replaceSubrange(idRange, with: PaneRows.shortID(String(result[idRange])))
        }
        return result
    }
}
