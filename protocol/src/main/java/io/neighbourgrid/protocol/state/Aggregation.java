package io.neighbourgrid.protocol.state;

import java.util.List;
import java.util.Objects;

/**
 * The result of closing a window's contributions.
 *
 * @param sellers            the sellers that contributed: the market's seller coalition, sorted
 * @param buyers             the buyers that contributed: the market's buyer coalition, sorted
 * @param silentMembers      declared members that did not contribute; they trade with the grid, sorted
 * @param aggregates         the aggregates; absent when the window went grid only at this point
 * @param closedAt           the closing transaction's timestamp (ISO-8601, UTC)
 * @param comparisonDeadline when the comparison must be finished; absent when grid only
 * @param decryptionDeadline when the decryptions must be posted; absent when grid only
 */
public record Aggregation(List<String> sellers, List<String> buyers, List<String> silentMembers,
                          Aggregates aggregates, String closedAt, String comparisonDeadline,
                          String decryptionDeadline) {
    public Aggregation {
        sellers = List.copyOf(sellers);
        buyers = List.copyOf(buyers);
        silentMembers = List.copyOf(silentMembers);
        Objects.requireNonNull(closedAt, "closedAt");
    }
}
