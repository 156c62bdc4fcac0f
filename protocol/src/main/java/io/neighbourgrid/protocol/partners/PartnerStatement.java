package io.neighbourgrid.protocol.partners;

import io.neighbourgrid.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the two parties of an agreement settle for one window ({@code docs/partners.md}, section 4): the energy and
 * money of its transfer, with a random salt. Both parties keep the statement; the ledger keeps only its
 * {@link #commitment()}, recorded by each party ({@code partners:recordTransfer}), so that either can later prove
 * what both agreed, and nobody else learns the amounts. A window in which the agreement was in force but nothing moved
 * has a statement too (all zeros), so the ledger does not show whether energy moved.
 *
 * @param agreementId  the agreement
 * @param window       the window
 * @param gridEnergy   energy given instead of the grid, energy units
 * @param marketEnergy energy of the market sale moved at the agreement's price, energy units
 * @param money        what the partner pays the seller, money units (negative: a refund)
 * @param salt         64 lower-case hex digits of randomness the seller draws, so the commitment hides small values
 */
public record PartnerStatement(String agreementId, long window, long gridEnergy, long marketEnergy, long money,
                               String salt) {
    private static final Pattern SALT = Pattern.compile("[0-9a-f]{64}");
    /** A commitment: 64 lower-case hex digits. */
    public static final Pattern COMMITMENT = SALT;

    public PartnerStatement {
        Objects.requireNonNull(agreementId, "agreementId");
        if (window < 0 || gridEnergy < 0 || marketEnergy < 0) {
            throw new IllegalArgumentException("a statement's window and energies are non-negative");
        }
        if (salt == null || !SALT.matcher(salt).matches()) {
            throw new IllegalArgumentException("a statement's salt is 64 lower-case hex digits");
        }
    }

    /**
     * The statement of a window in which the agreement was in force.
     *
     * @param agreementId the agreement
     * @param window      the window
     * @param transfer    its transfer, or {@code null} when nothing moved
     * @param random      where the salt comes from
     * @return the statement
     */
    public static PartnerStatement of(String agreementId, long window, PartnerTransfer transfer, SecureRandom random) {
        byte[] salt = new byte[32];
        random.nextBytes(salt);
        String hex = HexFormat.of().formatHex(salt);
        if (transfer == null) {
            return new PartnerStatement(agreementId, window, 0, 0, 0, hex);
        }
        if (!transfer.agreementId().equals(agreementId) || transfer.window() != window) {
            throw new IllegalArgumentException("transfer of agreement " + transfer.agreementId() + ", window "
                    + transfer.window() + " is not one of agreement " + agreementId + ", window " + window);
        }
        return new PartnerStatement(agreementId, window, transfer.gridEnergy(), transfer.marketEnergy(),
                transfer.money(), hex);
    }

    /**
     * The commitment the ledger keeps: SHA-256 of the statement's canonical JSON, lower-case hex.
     *
     * @return 64 hex digits
     */
    public String commitment() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(CanonicalJson.toJson(this).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /**
     * Checks an opened statement against a recorded transfer, as a resolver does in a dispute.
     *
     * @param record the ledger's record of the window's transfer
     * @throws IllegalArgumentException if the statement is of another agreement or window, or does not open the
     *                                  recorded commitment
     */
    public void verify(TransferRecord record) {
        if (!record.agreementId().equals(agreementId) || record.window() != window) {
            throw new IllegalArgumentException("the statement is of agreement " + agreementId + ", window " + window
                    + ", the record of agreement " + record.agreementId() + ", window " + record.window());
        }
        if (!MessageDigest.isEqual(commitment().getBytes(StandardCharsets.US_ASCII),
                record.commitment().getBytes(StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException("the statement does not open the commitment recorded for agreement "
                    + agreementId + ", window " + window);
        }
    }
}
