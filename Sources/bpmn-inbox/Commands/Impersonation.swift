import WorkflowEngine

/// The rule for `--user` and `--groups`: acting as another user, or with more groups than
/// the login has, is allowed to admins and on databases where anyone may manage users (a
/// demo database, or one with no recorded users yet). See `WorkflowEngine.mayImpersonate`.
enum Impersonation {
    /// Returns whether the session acts as the login user on a database that records no
    /// users. Such a database has no access administration yet, so the account that runs
    /// bpmn-inbox on it (and can change the file anyway) is its admin, as before users existed.
    static func loginOwnsDatabase(_ session: Session, engine: WorkflowEngine) throws -> Bool {
        guard session.user.name == session.loginUser.name else { return false }
        return try engine.store.readTransaction { try engine.store.listUsers().isEmpty }
    }

    /// Checks the session's `--user` and `--groups` against the login user.
    /// - Throws: `CommandFailure` with `ExitStatus.refused`, saying why and what to do.
    static func check(_ session: Session, engine: WorkflowEngine) throws {
        let login = session.loginUser
        let namesOther = session.user.name != login.name
        let addsGroups = !session.extraGroups.isEmpty && !session.groupsOptionIsRecordData
        guard namesOther || addsGroups else { return }
        if try engine.mayImpersonate(login) { return }

        let adminGroup = try engine.adminGroup()
        let attempt = namesOther
            ? "--user \(session.user.name) (acting as another user)"
            : "--groups \(session.extraGroups.joined(separator: ",")) (acting with more groups)"
        throw CommandFailure(
            "\(attempt) is rejected: only admins may do that on '\(session.databasePath)', and "
                + "\(login.name) is neither recorded as admin nor in the group '\(adminGroup)'; leave out "
                + "--user and --groups, or ask an admin to run 'bpmn-inbox user add \(login.name) --admin'",
            status: ExitStatus.refused)
    }
}
