package io.neighbourgrid.protocol.state;

import java.util.List;
import java.util.Objects;

/**
 * The result of closing a window's contributions, and of every exclusion after it.
 *
 * @param sellers          the sellers whose contributions are aggregated: the market's seller coalition, sorted
 * @param buyers           the buyers whose contributions are aggregated: the market's buyer coalition, sorted
 * @param silentMembers    declared members that did not contribute; they trade with the grid, sorted
 * @param excludedMembers  members whose contribution proof was shown to fail by a claim during the evaluation; they
 *                         are suspended and trade with the grid, sorted
 * @param aggregates       the aggregates over {@code sellers} and {@code buyers}; absent when the window went grid
 *                         only at this point
 * @param closedAt         the timestamp (ISO-8601, UTC) of the transaction that closed the contributions, or of the
 *                         last exclusion, which restarts the evaluation
 * @param transferDeadline when r2's mask transfer must be posted; absent when grid only
 * @param outcomeDeadline  when r1's proven outcome must be posted; absent when grid only
 */
public record Aggregation(List<String> sellers, List<String> buyers, List<String> silentMembers,
                          List<String> excludedMembers, Aggregates aggregates, String closedAt,
                          String transferDeadline, String outcomeDeadline) {
    public Aggregation {
        sellers = List.copyOf(sellers);
        buyers = List.copyOf(buyers);
        silentMembers = List.copyOf(silentMembers);
        excludedMembers = excludedMembers == null ? List.of() : List.copyOf(excludedMembers);
        Objects.requireNonNull(closedAt, "closedAt");
    }
}
