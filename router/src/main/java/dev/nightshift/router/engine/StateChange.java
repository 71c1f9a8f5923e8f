package dev.nightshift.router.engine;

import dev.nightshift.core.routerstate.RouterState;

/**
 * A record of the router's state to write: the state now under its key, or the key's deletion ({@code state} null)
 * once the router holds nothing of it. Written to its tenant's partition.
 */
public record StateChange(String key, String tenant, RouterState state) {
    static StateChange of(RouterState state) {
        return new StateChange(state.key(), state.tenant(), state);
    }

    static StateChange deleted(String key, String tenant) {
        return new StateChange(key, tenant, null);
    }
}
