/// A rectangle of cells.
struct Rect: Equatable {
    var row: Int
    var column: Int
    var height: Int
    var width: Int

    var bottom: Int { row + height }
    var right: Int { column + width }
}

/// The panes of the inbox.
enum PaneKind: Int, CaseIterable, Equatable {
    case models, instances, tasks, detail

    var title: String {
        switch self {
        case .models: return "Models"
        case .instances: return "Instances"
        case .tasks: return "Tasks"
        case .detail: return "Detail"
        }
    }

    /// The list panes, in Tab order before the detail pane.
    static let lists: [PaneKind] = [.models, .instances, .tasks]
}

/// The position of each part of the inbox for one screen size.
///
/// The three list panes stack on the left, the detail pane fills the right, and the last
/// two rows hold the message line and the status bar. Each pane's first row is its title.
struct Layout: Equatable {
    /// The smallest screen the layout works on; below it the inbox shows a message.
    static let minimum = ScreenSize(rows: 16, columns: 60)

    var size: ScreenSize
    var panes: [PaneKind: Rect] = [:]
    var separatorColumn = 0
    var messageRow = 0
    var statusRow = 0

    init(size: ScreenSize) {
        self.size = size
        guard !isTooSmall else { return }

        messageRow = size.rows - 2
        statusRow = size.rows - 1
        let height = size.rows - 2
        let leftWidth = max(34, size.columns * 55 / 100)
        separatorColumn = leftWidth

        let modelsHeight = max(3, height / 4)
        let instancesHeight = max(4, height / 3)
        let tasksHeight = height - modelsHeight - instancesHeight
        panes[.models] = Rect(row: 0, column: 0, height: modelsHeight, width: leftWidth)
        panes[.instances] = Rect(row: modelsHeight, column: 0, height: instancesHeight, width: leftWidth)
        panes[.tasks] = Rect(row: modelsHeight + instancesHeight, column: 0, height: tasksHeight, width: leftWidth)
        panes[.detail] = Rect(row: 0, column: leftWidth + 1, height: height, width: size.columns - leftWidth - 1)
    }

    var isTooSmall: Bool {
        size.rows < Self.minimum.rows || size.columns < Self.minimum.columns
    }

    /// Returns the rows a pane has for its content (below its title row).
    func contentHeight(_ pane: PaneKind) -> Int {
        max(0, (panes[pane]?.height ?? 1) - 1)
    }
}
