package io.neighbourgrid.protocol.state;

import io.neighbourgrid.market.Role;
import java.util.Objects;

/**
 * A home's declared role in one window; stored under {@code ROLE~t~homeId}, one key per home so that homes
 * declaring in the same block never conflict.
 *
 * @param window     the window
 * @param homeId     the declaring home
 * @param role       seller, buyer or off market (PEM treats coalition membership as public)
 * @param declaredAt the transaction timestamp (ISO-8601, UTC)
 * @param txId       the transaction id
 * @param contributedUnder with {@code declareAndContribute}: the homes whose keys the contribution made in the same
 *                   transaction is under; null for a declaration alone
 * @param representative the representative that submitted the declaration for the home ({@code submitBatch});
 *                   null when the home submitted it itself
 */
public record RoleDeclaration(long window, String homeId, Role role, String declaredAt, String txId,
                              ContributionKeys contributedUnder, String representative) {
    public RoleDeclaration {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(role, "role");
        if (contributedUnder != null && role == Role.OFF) {
            throw new IllegalArgumentException("home " + homeId + " declared OFF and cannot contribute");
        }
    }

    /** A declaration made alone, without a contribution. */
    public RoleDeclaration(long window, String homeId, Role role, String declaredAt, String txId) {
        this(window, homeId, role, declaredAt, txId, null, null);
    }

    /** A declaration the home submitted itself, with or without a contribution. */
    public RoleDeclaration(long window, String homeId, Role role, String declaredAt, String txId,
                           ContributionKeys contributedUnder) {
        this(window, homeId, role, declaredAt, txId, contributedUnder, null);
    }
}
