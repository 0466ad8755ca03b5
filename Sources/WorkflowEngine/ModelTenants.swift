extension WorkflowEngine {
    /// Returns the newest version of every model `user` may start: models shared by all
    /// tenants (the default), and models of the tenants the user reaches. The instance counts
    /// include only the instances the user reaches, so a tenant's user does not learn how
    /// busy another tenant is. A call without a user counts the instances without a tenant.
    public func listModels(user: UserContext?) throws -> [ModelSummary] {
        try store.readTransaction {
            let scope = try UserDirectory.scope(for: user, store: store)
            let tenants = try store.modelTenants()
            return try store.listModels(reaching: scope).filter { Self.mayUse(modelTenant: tenants[$0.name], scope: scope) }
        }
    }

    /// Lists every version of the model `name`, oldest first, counting only the instances
    /// `user` reaches, by the same rule as `listModels(user:)`.
    /// - Throws: `EngineError.modelNotFound` when there is no such model, or when it belongs
    ///   to a tenant the user does not reach, so a tenant's model names stay private.
    public func modelVersions(name: String, user: UserContext?) throws -> [ModelVersionSummary] {
        try store.readTransaction {
            let scope = try UserDirectory.scope(for: user, store: store)
            let tenant = try store.modelTenants()[name]
            guard Self.mayUse(modelTenant: tenant, scope: scope) else { throw EngineError.modelNotFound(name: name) }

            let versions = try store.modelVersions(name: name, reaching: scope)
            guard !versions.isEmpty else { throw EngineError.modelNotFound(name: name) }
            return versions
        }
    }

    /// Lists every version of every model that `listModels(user:)` returns, sorted by model
    /// name and version, counting only the instances `user` reaches. One grouped query for
    /// all models.
    public func modelVersions(user: UserContext?) throws -> [ModelVersionSummary] {
        try store.readTransaction {
            let scope = try UserDirectory.scope(for: user, store: store)
            let tenants = try store.modelTenants()
            return try store.modelVersions(name: nil, reaching: scope).filter {
                Self.mayUse(modelTenant: tenants[$0.name], scope: scope)
            }
        }
    }

    /// Returns the tenant the model `name` belongs to, or nil when it is shared.
    public func modelTenant(_ name: String) throws -> String? {
        try store.readTransaction { try store.modelTenants()[name] }
    }

    /// Makes the model `name` belong to one tenant, or shared by all tenants when `tenantId`
    /// is nil. Only users of that tenant (and admins without a tenant) see and start a model
    /// of a tenant. Only admins may change it.
    /// - Throws: `EngineError.modelNotFound`, `.accessDenied`, `.invalidUser` for an invalid
    ///   tenant name, `.readOnly`.
    public func setModelTenant(_ name: String, tenantId: String?, by caller: UserContext?) throws {
        if let tenantId { try UserDirectory.validateName(tenantId, kind: "tenant", user: caller?.name ?? "") }
        try requireWritable("model tenant")
        try store.writeTransaction {
            let scope = try UserDirectory.scope(for: caller, store: store)
            try AccessRules.requireAdmin(scope, action: "change the tenant of", target: "model '\(name)'")
            guard try store.model(name: name, version: nil) != nil else { throw EngineError.modelNotFound(name: name) }
            try store.setModelTenant(name: name, tenantId: tenantId)
        }
    }

    /// Rejects starting the model `name` when it belongs to a tenant the scope does not reach.
    /// A call without a user (timer start events, call activities) may start any model.
    /// - Returns: the model's tenant, or nil when it is shared.
    /// - Throws: `EngineError.modelNotFound`, as if the model did not exist for the user, so
    ///   a tenant's model names stay private.
    func checkModelTenant(_ name: String, scope: AccessScope, user: UserContext?) throws -> String? {
        let tenant = try store.modelTenants()[name]
        guard user == nil || Self.mayUse(modelTenant: tenant, scope: scope) else {
            throw EngineError.modelNotFound(name: name)
        }
        return tenant
    }

    static func mayUse(modelTenant: String?, scope: AccessScope) -> Bool {
        guard let modelTenant else { return true }
        return scope.seesAllTenants || scope.tenantId == modelTenant
    }
}
