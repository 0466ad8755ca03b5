import Foundation
import InboxUI
import SQLiteStore
import WorkflowEngine

/// The state every command shares: the database path, the calling user and the open engine.
final class Session {
    let databasePath: String
    /// The user of engine calls. On a database that records no users, the login user acting
    /// as itself is made an admin when the engine opens (see `Impersonation`).
    private(set) var user: UserContext
    /// The account the process runs as, with its Unix groups, whatever `--user` and
    /// `--groups` give. Whether the session may act as someone else is decided for this user.
    let loginUser: UserContext
    /// The groups `--groups` adds, in command-line order.
    let extraGroups: [String]
    /// Set by commands whose `--groups` lists the groups of a user they record (`user
    /// add`), so the option is not an attempt to act with more groups.
    var groupsOptionIsRecordData = false
    /// Set by commands that never run JavaScript (`count`), so the services files are read at
    /// once but run only if a script runs, and JavaScriptCore is not loaded.
    var runsNoScripts = false
    let themeName: String?
    /// The folder of JavaScript service files, when one is configured or the default exists.
    let servicesFolder: String?
    private var openStore: SQLiteStore?
    private var openEngine: WorkflowEngine?
    /// The engine's clock on a demo database or under `--now`, which the inbox's `+` key
    /// moves forward.
    private(set) var demoClock: AdjustableClock?
    /// The value of `--now`, when given.
    let simulatedNow: String?
    let isClockForced: Bool
    /// `--read-only`: the engine rejects every change.
    let isReadOnly: Bool
    /// `--no-mouse` and `--notify` of the inbox.
    let usesMouse: Bool
    let notifyStyle: String?
    /// Whether the engine runs on the `--now` clock, whose offset must not become the demo's.
    var isClockSimulated: Bool { simulatedNow != nil }

    /// Resolves the global options against the environment.
    /// - Throws: `UsageError` when `$BPMN_INBOX_DB` is set but empty.
    init(arguments: ParsedArguments, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.databasePath = try DatabaseLocation.resolve(
            flag: arguments.value(Options.database), environment: environment, home: LoginUser.homeFolder())
        self.themeName = arguments.value(Options.theme)
        self.simulatedNow = arguments.value(Options.now)
        self.isClockForced = arguments.flag(Options.forceClock)
        self.isReadOnly = arguments.flag(Options.readOnly)
        self.usesMouse = !arguments.flag(Options.noMouse)
        self.notifyStyle = arguments.value(Options.notify)
        try Self.checkNotifyStyle(notifyStyle)

        let explicitServices = arguments.value(Options.services) ?? environment[Self.servicesVariable].flatMap { $0.isEmpty ? nil : $0 }
        self.servicesFolder = explicitServices ?? Self.defaultServicesFolder(databasePath: databasePath)

        let login = LoginUser.name()
        let name = arguments.value(Options.user) ?? login
        var groups = LoginUser.groups(of: name)
        var extraGroups: [String] = []
        for list in arguments.allValues(Options.groups) {
            for group in list.split(separator: ",") {
                let trimmed = group.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty, !extraGroups.contains(trimmed) { extraGroups.append(trimmed) }
                if !trimmed.isEmpty, !groups.contains(trimmed) { groups.append(trimmed) }
            }
        }
        self.user = UserContext(name: name, groups: groups)
        self.loginUser = UserContext(name: login, groups: LoginUser.groups(of: login))
        self.extraGroups = extraGroups
    }

    /// Rejects an unknown `--notify` value for every command, not only the inbox that uses it,
    /// so a typo fails the same way wherever the option is given.
    /// - Throws: `UsageError` naming the value and the accepted ones.
    private static func checkNotifyStyle(_ value: String?) throws {
        guard let value else { return }
        do {
            _ = try NotificationStyle(option: value)
        } catch {
            throw UsageError("\(error)")
        }
    }

    /// Returns the store on the session's database, opening it (and creating the file) on first use.
    /// - Throws: `CommandFailure` when the path is a folder, the parent folder cannot be created
    ///   or the file cannot be opened.
    func store() throws -> SQLiteStore {
        if let openStore { return openStore }

        try DatabaseLocation.checkIsNotFolder(databasePath)
        if isReadOnly, !FileManager.default.fileExists(atPath: databasePath) {
            throw CommandFailure(
                "database '\(databasePath)' does not exist, and --read-only does not create one; give an "
                    + "existing database with --db, or leave out --read-only to create it")
        }
        if isReadOnly {
            // A read-only open needs no writable folder: see SQLiteStore.init(readingOnly:).
            try DatabaseLocation.checkReadable(databasePath)
        } else {
            try DatabaseLocation.createParentFolder(of: databasePath)
            try DatabaseLocation.checkAccess(databasePath)
        }
        do {
            let store = isReadOnly ? try SQLiteStore(readingOnly: databasePath) : try SQLiteStore(path: databasePath)
            if isReadOnly { try store.rejectWrites() }
            openStore = store
            return store
        } catch let error as SQLiteStoreError {
            // The store's messages already name the file and the next step.
            throw CommandFailure(error.description)
        } catch {
            throw CommandFailure(
                "cannot open the database '\(databasePath)': \(error); choose another file with --db "
                    + "or \(DatabaseLocation.environmentVariable)")
        }
    }

    /// Returns the engine on the session's database, creating it on first use. Under `--now`
    /// its clock is an `AdjustableClock` showing that time. Otherwise, on a demo database, it
    /// is an `AdjustableClock` that starts at the offset the last inbox left it at.
    /// - Throws: `UsageError` when `--now` is invalid, or is given for a database that is neither
    ///   a demo nor a test database without `--force-clock`. `CommandFailure` when the database
    ///   cannot be opened or the services fail to load.
    func engine() throws -> WorkflowEngine {
        if let openEngine { return openEngine }

        let store = try store()
        let engine: WorkflowEngine
        if let simulatedNow {
            let clock = AdjustableClock(showing: try SimulatedTime.parse(simulatedNow))
            try checkClockMayBeSimulated(store)
            demoClock = clock
            engine = WorkflowEngine(store: store, clock: clock, options: engineOptions)
        } else if try DemoSettings.isDemo(store) {
            let clock = AdjustableClock(offset: try DemoSettings.clockOffset(store))
            demoClock = clock
            engine = WorkflowEngine(store: store, clock: clock, options: engineOptions)
        } else {
            engine = WorkflowEngine(store: store, options: engineOptions)
        }
        try loadServices(into: engine)
        try Impersonation.check(self, engine: engine)
        if try Impersonation.loginOwnsDatabase(self, engine: engine) { user.isAdmin = true }
        openEngine = engine
        return engine
    }

    static let servicesVariable = "BPMN_INBOX_SERVICES"

    private var engineOptions: EngineOptions { EngineOptions(readOnly: isReadOnly) }

    /// Allows `--now` on demo and test databases, and on any database with `--force-clock`,
    /// because every change made under it is recorded at the simulated time.
    /// - Throws: `UsageError` naming the database and both ways out.
    private func checkClockMayBeSimulated(_ store: SQLiteStore) throws {
        if isClockForced { return }
        if try DemoSettings.isDemo(store) || DemoSettings.isTest(store) { return }

        throw UsageError(
            "option '\(Options.now.name)' is rejected for '\(databasePath)' because it is neither a demo "
                + "nor a test database, and every change made under it would be recorded at the "
                + "simulated time; use a demo database ('bpmn-inbox demo'), or add "
                + "'\(Options.forceClock.name)' to simulate the time anyway")
    }

    /// Returns the `services` folder next to the database, or nil when it does not exist.
    private static func defaultServicesFolder(databasePath: String) -> String? {
        let folder = (ParentFolder.of(databasePath) as NSString).appendingPathComponent("services")
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) && isFolder.boolValue
        return exists ? folder : nil
    }

    /// Loads the services folder's `.js` files into the engine.
    /// - Throws: `CommandFailure` when the folder is missing or a file fails to load.
    private func loadServices(into engine: WorkflowEngine) throws {
        guard let servicesFolder else { return }

        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: servicesFolder, isDirectory: &isFolder), isFolder.boolValue else {
            throw CommandFailure(
                "services folder '\(servicesFolder)' not found; give an existing folder with --services "
                    + "or \(Self.servicesVariable)")
        }
        if let unreadable = FileAccess.readProblem(inFolder: servicesFolder, suffix: ".js") {
            let file = unreadable.path == servicesFolder ? "" : "'\(unreadable.path)': "
            throw CommandFailure(
                "cannot load the services in '\(servicesFolder)': \(file)\(unreadable.problem); "
                    + "make it readable for this user, or give another folder with --services or \(Self.servicesVariable)")
        }
        do {
            if runsNoScripts {
                try engine.deferServices(from: URL(fileURLWithPath: servicesFolder))
            } else {
                try engine.loadServices(from: URL(fileURLWithPath: servicesFolder))
            }
        } catch {
            throw CommandFailure("cannot load the services in '\(servicesFolder)': \(ErrorText.describe(error))")
        }
    }
}
