import WorkflowEngine

/// `user add`, `user list`, `user remove`, `config get`, `config set` and `model tenant`: the
/// recorded users, the admin group and the tenants of models. The engine decides who may (see `WorkflowEngine.saveUser`).
enum UserCommands {
    static func add(_ arguments: ParsedArguments, session: Session) throws {
        // Here --groups lists the recorded user's groups, not groups to act with.
        session.groupsOptionIsRecordData = true
        let engine = try session.engine()
        // The caller without the admin flag that a database without users gives the login user
        // (`Impersonation.loginOwnsDatabase`), so that the first user recorded must be an admin.
        let caller = UserContext(name: session.user.name, groups: LoginUser.groups(of: session.user.name))
        let record = UserRecord(
            name: arguments.arguments[0], groups: session.extraGroups, isAdmin: arguments.flag(AccessOptions.admin),
            tenantId: arguments.value(AccessOptions.tenant))

        let (existing, recorded) = try engine.store.readTransaction {
            (try engine.store.user(named: record.name), try engine.store.listUsers())
        }
        let existed = existing != nil
        let saved: UserRecord
        do {
            saved = try engine.saveUser(record, by: caller)
        } catch EngineError.invalidUser(let name, let reason) {
            // A well-formed command that the admin rules reject (the first user, or the last
            // admin, without --admin) exits with status 4, like an access denial.
            // NOTE: an invalid name given in those states also gets status 4; its message still names the name.
            let admins = recorded.filter(\.isAdmin)
            let breaksAdminRule = !record.isAdmin && (recorded.isEmpty || (existing?.isAdmin == true && admins.count == 1))
            throw CommandFailure(
                "\(EngineError.invalidUser(name: name, reason: reason))",
                status: breaksAdminRule ? ExitStatus.refused : ExitStatus.failure)
        }

        if arguments.flag(Options.json) {
            Console.output(json(saved).prettyText)
        } else {
            Console.output("\(existed ? "Updated" : "Added") user \(describe(saved)).")
        }
    }

    static func list(_ arguments: ParsedArguments, session: Session) throws {
        let users = try session.engine().listUsers(by: session.user)

        if arguments.flag(Options.json) {
            Console.output(JSONValue.array(users.map(json)).prettyText)
            return
        }
        if users.isEmpty {
            Console.output("No users are recorded; add the first admin with 'bpmn-inbox user add NAME --admin'.")
            return
        }
        var table = TextTable([
            .init("NAME", maximumWidth: 30), .init("ADMIN"), .init("TENANT", maximumWidth: 20),
            .init("GROUPS", maximumWidth: 40),
        ])
        for user in users {
            let groups = user.groups.isEmpty ? "-" : user.groups.joined(separator: ",")
            table.append([user.name, user.isAdmin ? "yes" : "no", TextFormat.text(user.tenantId), groups])
        }
        Console.output(table.render())
    }

    static func remove(_ arguments: ParsedArguments, session: Session) throws {
        let name = arguments.arguments[0]

        try session.engine().removeUser(named: name, by: session.user)
        Console.output("Removed user \(name).")
    }

    /// The keys `config get` and `config set` accept.
    static let configKeys = ["admin-group"]

    static func configGet(_ arguments: ParsedArguments, session: Session) throws {
        try checkKey(arguments.arguments[0], command: CommandCatalog.configGet)

        Console.output(try session.engine().adminGroup())
    }

    static func configSet(_ arguments: ParsedArguments, session: Session) throws {
        try checkKey(arguments.arguments[0], command: CommandCatalog.configSet)
        let key = arguments.arguments[0]
        let value = arguments.arguments[1]
        let engine = try session.engine()

        guard try engine.mayManageUsers(session.user) else {
            throw try settingDenial(key: key, engine: engine, session: session)
        }
        try engine.setAdminGroup(value, by: session.user)
        Console.output("Set admin-group to '\(value)'.")
    }

    static func modelTenant(_ arguments: ParsedArguments, session: Session) throws {
        let name = arguments.arguments[0]
        let tenant = arguments.value(AccessOptions.tenant)

        try session.engine().setModelTenant(name, tenantId: tenant, by: session.user)
        Console.output(tenant.map { "Model '\(name)' belongs to tenant '\($0)'." } ?? "Model '\(name)' is shared by all tenants.")
    }

    // MARK: Helpers

    /// Returns the rejection of `config set` by a user who is not an admin. It names the
    /// setting and who may change it, because the engine's message is about managing users.
    private static func settingDenial(key: String, engine: WorkflowEngine, session: Session) throws -> EngineError {
        let user = session.user.name
        let adminGroup = try engine.adminGroup()
        return EngineError.accessDenied(
            AccessDenial(
                user: user, action: "change", itemId: nil, target: "the setting '\(key)'",
                reason: "only an admin may change settings: a user recorded as admin ('bpmn-inbox user add NAME --admin') "
                    + "or a member of the group '\(adminGroup)', and \(user) is neither",
                advice: "ask an admin to run 'bpmn-inbox config set \(key) VALUE'"))
    }

    private static func checkKey(_ key: String, command: CommandSpec) throws {
        guard !configKeys.contains(key) else { return }
        let hint = Suggestion.closest(to: key, among: configKeys).map { "; did you mean '\($0)'?" } ?? ""
        throw UsageError("unknown setting '\(key)'\(hint); settings: \(configKeys.joined(separator: ", "))", command: command)
    }

    /// Returns the JSON of a user: `name`, `groups`, `isAdmin`, `tenantId` (null when none).
    static func json(_ user: UserRecord) -> JSONValue {
        .object([
            "name": .string(user.name), "groups": .array(user.groups.map(JSONValue.string)),
            "isAdmin": .bool(user.isAdmin), "tenantId": user.tenantId.map(JSONValue.string) ?? .null,
        ])
    }

    private static func describe(_ user: UserRecord) -> String {
        var parts = [user.name]
        if user.isAdmin { parts.append("(admin)") }
        parts.append(user.groups.isEmpty ? "with no recorded groups" : "in groups \(user.groups.joined(separator: ", "))")
        if let tenant = user.tenantId { parts.append("limited to tenant '\(tenant)'") }
        return parts.joined(separator: " ")
    }
}
