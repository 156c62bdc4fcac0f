package io.neighbourgrid.agent;

import io.neighbourgrid.market.HomeSettlement;

/**
 * How a home agent reports progress and failures to the program that runs it (the agent never prints).
 * Callbacks run on the agent's calling thread and must return quickly.
 */
public interface AgentListener {
    /** The agent completed {@code action} for {@code window} in {@code nanos}. */
    default void onAction(String homeId, long window, AgentAction action, long nanos) {
    }

    /** The agent's settlement for a window, computed from the public outcome and its own private values. */
    default void onSettlement(String homeId, long window, HomeSettlement settlement) {
    }

    /** A step failed; the agent retries retryable failures itself before reporting. */
    default void onError(String homeId, long window, Exception error) {
    }

    /** A listener that ignores everything. */
    AgentListener NONE = new AgentListener() {
    };
}
