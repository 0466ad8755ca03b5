import Foundation
import WorkflowEngine

/// The `:` command line: editing, Tab completion, history and running a command.
extension InboxController {
    /// The settings key under which saved filters are stored, as a JSON object of name to query.
    static let savedFiltersSetting = "inbox.savedFilters"

    /// Applies a key to the open command line.
    /// - Returns: false when the command quits the inbox.
    func handleCommandLineKey(_ key: Key) -> Bool {
        guard var line = state.commandLine else { return true }
        if key == .pasteBegin || key == .pasteEnd {
            line.isPasting = key == .pasteBegin
            state.commandLine = line
            return true
        }
        if line.isPasting && (key == .enter || key == .tab) {
            line.editor.insert(" ")
            state.commandLine = line
            return true
        }
        switch key {
        case .escape:
            state.commandLine = nil
            return true
        case .enter:
            state.commandLine = nil
            let text = line.editor.text.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return true }
            if commandHistory.last != text { commandHistory.append(text) }
            return runCommand(text)
        case .tab, .backTab:
            complete(&line, forward: key == .tab)
        case .up, .down:
            recall(&line, older: key == .up)
        default:
            guard line.editor.handle(key) else { return true }
            line.completions = []
            line.completionIndex = nil
            line.textBeforeCompletion = nil
        }
        state.commandLine = line
        return true
    }

    private func complete(_ line: inout CommandLineState, forward: Bool) {
        // A single completion that Tab already inserted (":fi" became ":filter ") is done, so
        // the next Tab completes what follows it.
        if line.completions.count == 1, line.completionIndex != nil {
            line.completionIndex = nil
        }
        if line.completionIndex == nil {
            line.textBeforeCompletion = line.editor.text
            line.completions = CommandLineParsing.completions(of: line.editor.text, candidates: completionCandidates)
        }
        guard !line.completions.isEmpty else {
            show("No completion for '\(line.editor.text)'; :help lists the commands.", kind: .error)
            return
        }
        let count = line.completions.count
        let index = line.completionIndex.map { ($0 + (forward ? 1 : count - 1)) % count } ?? (forward ? 0 : count - 1)
        line.completionIndex = index
        line.editor.setText(line.completions[index])
    }

    private func recall(_ line: inout CommandLineState, older: Bool) {
        guard !line.history.isEmpty else { return }
        let last = line.history.count - 1
        var index = line.historyIndex ?? line.history.count
        index = older ? max(0, index - 1) : min(line.history.count, index + 1)
        line.historyIndex = index
        line.editor.setText(index > last ? "" : line.history[index])
    }

    /// Returns the values an argument of each kind completes to.
    func completionCandidates(_ argument: InboxCommandSpec.Argument) -> [String] {
        switch argument {
        case .none, .optionalText: return []
        case .freeText: return state.savedFilters.keys.sorted()
        case .element: return triggerableElementIds()
        case .instanceTab: return InstanceTab.allCases.map { $0.title.lowercased() }
        case .model: return state.models.map(\.name)
        case .message: return (try? engine.eventNames().messages) ?? []
        case .signal: return (try? engine.eventNames().signals) ?? []
        case .theme: return themeNames()
        case .user: return loadKnownUserNames()
        case .taskTab: return TaskView.tabs.map(\.commandName)
        case .taskSort: return TaskSort.cycle.map(\.title)
        case .savedFilter: return state.savedFilters.keys.sorted()
        case .filterQuery: return ["off"] + state.savedFilters.keys.sorted()
        }
    }

    /// Returns the ids of the elements `:trigger` can trigger in the selected instance, or none
    /// when no running instance is selected.
    private func triggerableElementIds() -> [String] {
        guard let instance = contextInstance(), instance.status == .running,
            let execution = try? engine.get(["id": .string(instance.id)])
        else { return [] }
        let choices = TriggerChoices.build(definitions: definitions(instance.name, instance.modelVersion), execution: execution)
        return choices.map(\.elementId)
    }

    /// Returns the built-in theme names and those of `.theme` files in the theme folders.
    private func themeNames() -> [String] {
        ThemeLoader().availableNames()
    }

    // MARK: Running commands

    /// Runs one command line.
    /// - Returns: false for `:quit`.
    func runCommand(_ text: String) -> Bool {
        let (name, argument) = CommandLineParsing.split(text)
        guard let spec = InboxCommands.spec(named: name.lowercased()) else {
            show("Unknown command ':\(name)'; press : then Tab to list the commands, or ? for help.", kind: .error)
            return true
        }
        let optional: Set<InboxCommandSpec.Argument> = [.none, .filterQuery, .optionalText, .user, .element]
        if !optional.contains(spec.argument), argument.isEmpty {
            show("':\(spec.name)' needs an argument: \(spec.usage)", kind: .error)
            return true
        }

        switch spec.name {
        case "quit": return false
        case "help":
            state.isShowingHelp = true
            state.helpScroll = 0
        case "refresh":
            refresh()
            show("Refreshed.")
        case "messages": showMessageLog()
        case "start": startModel(named: argument)
        case "message": openMessageForm(selecting: argument, matchingKey: nil)
        case "signal": openSignalForm(selecting: argument)
        case "claim":
            state.focus = .tasks
            claimTargets()
        case "unclaim":
            state.focus = .tasks
            unclaimTargets()
        case "assign": assignTargets(to: argument)
        case "complete":
            state.focus = .tasks
            _ = perform(.open)
        case "view": selectView(named: argument)
        case "trigger": openStartEventForm(selecting: argument.isEmpty ? nil : argument)
        case "retry": openRetryForm()
        case "clock": advanceDemoClock(by: argument)
        case "tab": selectInstanceTab(named: argument)
        case "sort":
            guard let sort = TaskSort(word: argument) else {
                show("Unknown order '\(argument)'; use newest, priority, due or model.", kind: .error)
                return true
            }
            setTaskSort(sort)
        case "filter": applyFilterCommand(argument)
        case "save-filter": saveFilter(named: argument)
        case "delete-filter": deleteFilter(named: argument)
        case "theme": switchTheme(to: argument)
        case "mark-all":
            state.focus = .tasks
            state.marked = Set(state.pane(.tasks).rows.map(\.id))
            show("\(DisplayWords.count(state.marked.count, "task")) marked.")
        case "unmark":
            state.marked = []
            show("Marks cleared.")
        default:
            break
        }
        return true
    }

    private func startModel(named name: String) {
        guard let model = state.models.first(where: { $0.name == name })
            ?? state.models.first(where: { PaneRow.folded($0.name) == PaneRow.folded(name) })
        else {
            show("No model named '\(name)'; Tab after ':start ' lists the models.", kind: .error)
            return
        }
        guard allowsChange("starting an instance") else { return }
        state.form = FormFactory.startForm(modelName: model.name, definitions: definitions(model.name, model.version))
    }

    private func selectView(named word: String) {
        guard let view = TaskView.tabs.first(where: { $0.commandName == word.lowercased() }) else {
            show("Unknown view '\(word)'; use mine, groups, all, overdue or completed.", kind: .error)
            return
        }
        selectTaskView(view)
    }

    /// Shows a tab of the instance detail, selecting the Instances pane's instance when the
    /// detail shows something else.
    private func selectInstanceTab(named word: String) {
        guard let tab = InstanceTab.allCases.first(where: { $0.title.lowercased() == word.lowercased() }) else {
            show("Unknown tab '\(word)'; use overview, data, items, history or waiting.", kind: .error)
            return
        }
        if state.detailInstance == nil {
            guard state.selectedInstance != nil else {
                show("No instance to show; start one, or select one in the Instances pane.", kind: .error)
                return
            }
            state.focus = .instances
            state.detailSource = .instances
            loadDetail()
        }
        setInstanceTab(tab)
    }

    /// Assigns the target tasks to `name` directly, or opens the assign form without a name.
    private func assignTargets(to name: String) {
        guard allowsChange("assigning tasks") else { return }
        state.focus = .tasks
        guard !name.isEmpty else {
            _ = perform(.assign)
            return
        }
        let targets = targetTasks()
        guard !targets.isEmpty, state.taskView.listsWaitingTasks else {
            show("No waiting task selected; select or mark tasks in the Tasks pane.", kind: .error)
            return
        }
        let report = BulkReport.run(targets) { task in
            _ = try engine.assign(Self.itemQuery(task), assignment: ["assignee": .string(name)], user: user)
        }
        finishBulk(report, verb: "Assigned to \(name):", failureVerb: "assign")
    }

    // MARK: Data filters

    /// Applies `:filter`: a JSON query, the name of a saved filter, or `off`.
    private func applyFilterCommand(_ argument: String) {
        if argument.isEmpty || argument == "off" {
            state.dataFilter = nil
            reloadTasks()
            show("Data filter off.")
            return
        }
        if !argument.hasPrefix("{"), let saved = state.savedFilters[argument] {
            applyDataFilter(text: saved, name: argument)
            return
        }
        guard argument.hasPrefix("{") else {
            let names = state.savedFilters.keys.sorted()
            show(
                "No saved filter '\(argument)'"
                    + (names.isEmpty ? "; give a query such as {\"data.amount\": {\"$gt\": 1000}}" : "; saved: " + names.joined(separator: ", ")),
                kind: .error)
            return
        }
        applyDataFilter(text: argument, name: nil)
    }

    /// Parses and applies a data filter. A query the engine rejects leaves the old filter.
    private func applyDataFilter(text: String, name: String?) {
        let query: JSONValue
        do {
            query = try JSONValue.parse(text)
        } catch let error as JSONSyntaxError {
            let position = JSONErrorPosition.locate(error, in: text).map { " at column \($0.column)" } ?? ""
            show("Invalid filter query\(position): \(JSONErrorPosition.reasonWithoutOffset(error)).", kind: .error)
            return
        } catch {
            show("Invalid filter query: \(error)", kind: .error)
            return
        }
        guard query.objectValue != nil else {
            show("A filter is a JSON object such as {\"data.amount\": {\"$gt\": 1000}}.", kind: .error)
            return
        }

        let previous = state.dataFilter
        state.dataFilter = DataFilter(name: name, text: text, query: query)
        state.focus = .tasks
        do {
            let tasks = try loadTasks()
            state.tasks = tasks
            state.marked.formIntersection(tasks.map(\.item.id))
            setTaskRows(tasks)
            loadDetail(forceReload: true)
            show("Filter \(name ?? text): \(DisplayWords.count(tasks.count, "task")).")
        } catch {
            state.dataFilter = previous
            show("The filter was rejected: \(Self.describe(error))", kind: .error)
        }
    }

    private func saveFilter(named name: String) {
        guard let filter = state.dataFilter else {
            show("No data filter to save; apply one with :filter {QUERY} first.", kind: .error)
            return
        }
        guard !state.isReadOnly else {
            show("The inbox is read-only (--read-only), so filters cannot be saved.", kind: .error)
            return
        }
        var filters = state.savedFilters
        filters[name] = filter.text
        do {
            try storeSavedFilters(filters)
            state.savedFilters = filters
            state.dataFilter?.name = name
            show("Saved filter '\(name)'; apply it with :filter \(name).", kind: .success)
        } catch {
            show("Saving the filter failed: \(Self.describe(error))", kind: .error)
        }
    }

    private func deleteFilter(named name: String) {
        guard state.savedFilters[name] != nil else {
            show("No saved filter '\(name)'.", kind: .error)
            return
        }
        guard !state.isReadOnly else {
            show("The inbox is read-only (--read-only), so filters cannot be deleted.", kind: .error)
            return
        }
        var filters = state.savedFilters
        filters[name] = nil
        do {
            try storeSavedFilters(filters)
            state.savedFilters = filters
            show("Deleted filter '\(name)'.", kind: .success)
        } catch {
            show("Deleting the filter failed: \(Self.describe(error))", kind: .error)
        }
    }

    /// Reads the saved filters from the database's settings. A malformed value is reported
    /// and treated as empty.
    func loadSavedFilters() {
        do {
            let text = try engine.store.readTransaction { try engine.store.setting(Self.savedFiltersSetting) }
            guard let text else { return }
            let object = try JSONValue.parse(text).objectValue ?? [:]
            state.savedFilters = object.compactMapValues { value -> String? in
                if case .string(let query) = value { return query }
                return nil
            }
        } catch {
            show("The saved filters could not be read: \(Self.describe(error))", kind: .error)
        }
    }

    private func storeSavedFilters(_ filters: [String: String]) throws {
        let text = JSONValue.object(filters.mapValues { .string($0) }).jsonText
        try engine.store.writeTransaction { try engine.store.setSetting(Self.savedFiltersSetting, value: text) }
    }

    // MARK: Themes

    /// Loads a theme by name or path for the run loop to apply. A theme file with errors is
    /// not applied, and its errors show in a dialog.
    func switchTheme(to name: String) {
        let selection = ThemeLoader().load(name: name, terminalHasColors: terminalHasColors, keeping: state.themeName)
        guard selection.notices.isEmpty else {
            showDialog(title: "Theme '\(name)' not applied", paragraphs: selection.notices)
            show(
                Self.themeFailureLine(name, notices: selection.notices, current: state.themeName, available: themeNames()),
                kind: .error)
            return
        }
        requestedTheme = selection.theme
        state.themeName = selection.theme.name
        show("Theme \(selection.theme.name).", kind: .success)
    }

    /// Returns the message line for a theme that was not applied. The reason is the list of
    /// available theme names when `name` matches none of them, else the loader's first notice.
    static func themeFailureLine(_ name: String, notices: [String], current: String, available: [String]) -> String {
        let reason: String
        if !name.contains("/") && !available.contains(name) {
            reason = "no such theme (available: \(available.joined(separator: ", ")))"
        } else {
            reason = notices.first ?? "it could not be loaded"
        }
        return "Theme '\(name)' was not applied: \(reason); the theme stays '\(current)'."
    }
}
