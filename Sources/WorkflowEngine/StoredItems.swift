import Foundation

/// Ended items and tokens that a run did not load, read from the store on demand inside the
/// call's transaction. A run from `WorkflowStore.loadRunState` has only the live part of its
/// instance, so a behaviour that needs older ended items reads them here: compensation of
/// completed activities, the flow a join item arrived by, `getItems()` in scripts. Each read
/// adds the records to the run, so later lookups and updates find them.
extension InstanceRun {
    /// Reads one item by id from the store and adds it to the run, or returns nil when there
    /// is none. A failed read is kept in `storeReadError` and fails the call before it saves.
    func readStoredItem(_ id: String) -> ItemRecord? {
        guard !hasAllItems, let store, !missingItemIds.contains(id) else { return nil }
        do {
            guard let found = try store.items(ids: [id], instanceId: instance.id).first else {
                missingItemIds.insert(id)
                return nil
            }
            addLoaded([found])
            return found
        } catch {
            storeReadError = storeReadError ?? error
            return nil
        }
    }

    /// Reads one token by id from the store and adds it to the run, or returns nil when there
    /// is none. A failed read is kept in `storeReadError`.
    func readStoredToken(_ id: Int) -> TokenRecord? {
        guard !hasAllTokens, let store, !missingTokenIds.contains(id) else { return nil }
        do {
            guard let found = try store.tokens(ids: [id], instanceId: instance.id).first else {
                missingTokenIds.insert(id)
                return nil
            }
            addLoaded([found])
            return found
        } catch {
            storeReadError = storeReadError ?? error
            return nil
        }
    }

    /// Reads every token of the instance the run has not loaded, for the rare behaviour that
    /// needs ended tokens found by something other than their id.
    func loadAllTokens() throws {
        guard !hasAllTokens, let store else { return }
        let loaded = Set(tokens.map(\.id))
        let nextId = (tokens.map(\.id).max() ?? -1) + 1
        addLoaded(try store.tokens(instanceId: instance.id, below: nextId, excluding: loaded))
        hasAllTokens = true
    }

    /// Loads every token before a walk along parent links. A gateway ends its token and
    /// continues on a new child, so the ended links between a live token and its scope's root
    /// token are not loaded with the live part. A failed read is kept in `storeReadError`.
    func loadAllTokensForWalk() {
        do {
            try loadAllTokens()
        } catch {
            storeReadError = storeReadError ?? error
        }
    }

    /// Returns every item of the instance whose element id is one of `elementIds`, in `seq`
    /// order, with the run's version of each item it has loaded.
    func items(ofElements elementIds: [String]) throws -> [ItemRecord] {
        if !hasAllItems, let store {
            addLoaded(try store.items(elementIds: elementIds, instanceId: instance.id))
        }
        let wanted = Set(elementIds)
        return items.filter { wanted.contains($0.elementId) }.sorted { $0.seq < $1.seq }
    }

    /// Returns the sequence flow item with the highest `seq` below `seq` on token `tokenId`.
    /// Flow items are stored ended, so the store looks among ended items only.
    func lastFlowItem(tokenId: Int, before seq: Int) throws -> ItemRecord? {
        let type = "bpmn:SequenceFlow"
        let loaded = items.filter { $0.tokenId == tokenId && $0.seq < seq && $0.type == type }.max { $0.seq < $1.seq }
        guard !hasAllItems, let store,
            let stored = try store.lastEndedItem(ofType: type, tokenId: tokenId, before: seq, instanceId: instance.id)
        else { return loaded }

        if let loaded, loaded.seq >= stored.seq { return loaded }
        addLoaded([stored])
        return item(stored.id)
    }

    /// Returns every item of the instance in `seq` order: the loaded ones and the ended ones
    /// read from the store. The cost grows with the instance's history.
    func allItems() throws -> [ItemRecord] {
        if !hasAllItems, let store {
            let loaded = Set(items.map(\.id))
            addLoaded(try store.items(instanceId: instance.id, before: instance.nextSeq, excluding: loaded))
            hasAllItems = true
        }
        return items.sorted { $0.seq < $1.seq }
    }
}
