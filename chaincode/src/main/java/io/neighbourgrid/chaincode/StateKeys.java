package io.neighbourgrid.chaincode;

import io.neighbourgrid.protocol.contract.CompositeKeys;
import java.util.List;
import java.util.Set;

/**
 * The world-state keys of the market contract. Every key is a Fabric composite key (see {@link CompositeKeys});
 * a window index is written in decimal. Per-home data always has a key of its own, so that homes acting in the same
 * block never write, and so never conflict on, the same key.
 *
 * <table>
 * <caption>State keys</caption>
 * <tr><th>object type</th><th>attributes</th><th>record</th></tr>
 * <tr><td>{@value #MARKET}</td><td>none</td><td>{@code MarketConfig}</td></tr>
 * <tr><td>{@value #HOME}</td><td>home id</td><td>{@code HomeRecord} (rewritten only to suspend or resume it)</td></tr>
 * <tr><td>{@value #KEY_PROOF}</td><td>home id</td><td>{@code KeyProofRecord}</td></tr>
 * <tr><td>{@value #PROOF_PARAMETERS}</td><td>none</td><td>{@code ProofParameters}</td></tr>
 * <tr><td>{@value #IDENTITY}</td><td>MSP id, certificate hash</td><td>{@code IdentityBinding}</td></tr>
 * <tr><td>{@value #WINDOW}</td><td>t</td><td>{@code WindowRecord}</td></tr>
 * <tr><td>{@value #ROLE}</td><td>t, home id</td><td>{@code RoleDeclaration}</td></tr>
 * <tr><td>{@value #CONTRIBUTION}</td><td>t, home id</td><td>{@code Contribution}</td></tr>
 * <tr><td>{@value #CIPHERTEXT}</td><td>hex SHA-256 of the ciphertext</td><td>{@code CiphertextUse}</td></tr>
 * <tr><td>{@value #MASK_TRANSFER}</td><td>t</td><td>{@code MaskTransferRecord}</td></tr>
 * <tr><td>{@value #OUTCOME_PROOF}</td><td>t</td><td>{@code OutcomeProofRecord}</td></tr>
 * <tr><td>{@value #CLAIM}</td><td>t, home id</td><td>{@code ContributionClaim} (a claim that was upheld)</td></tr>
 * <tr><td>{@value #SETTLEMENT}</td><td>t</td><td>{@code Settlement}</td></tr>
 * <tr><td>{@value #REPRESENTATIVE}</td><td>representative id</td><td>{@code RepresentativeRecord}</td></tr>
 * <tr><td>{@value #REPRESENTATIVE_IDENTITY}</td><td>MSP id, certificate hash</td>
 * <td>{@code RepresentativeBinding}</td></tr>
 * <tr><td>{@value #DELEGATION}</td><td>home id</td><td>{@code Delegation}</td></tr>
 * <tr><td>{@value #BILLING}</td><td>none</td><td>{@code BillingConfig}</td></tr>
 * <tr><td>{@value #METER}</td><td>home id</td><td>{@code MeterRegistration}</td></tr>
 * <tr><td>{@value #METER_KEY}</td><td>meter key fingerprint</td><td>{@code MeterKeyBinding}</td></tr>
 * <tr><td>{@value #SETTLEMENT_RECORD}</td><td>t, home id</td><td>{@code SettlementRecord}</td></tr>
 * <tr><td>{@value #METER_REPORT}</td><td>t, home id</td><td>{@code MeterReport}</td></tr>
 * <tr><td>{@value #MARKET_BALANCE}</td><td>t</td><td>{@code MarketBalance}</td></tr>
 * <tr><td>{@value #BILL}</td><td>home id, first window</td><td>{@code Bill}</td></tr>
 * <tr><td>{@value #BILLED}</td><td>home id</td><td>{@code BillingCheckpoint}</td></tr>
 * <tr><td>{@value #DISPUTE}</td><td>dispute id</td><td>{@code Dispute}</td></tr>
 * </table>
 * The last nine belong to billing ({@code io.neighbourgrid.chaincode.billing}, {@code docs/billing.md}).
 */
public final class StateKeys {
    /** The market configuration. */
    public static final String MARKET = "MARKET";
    /** A registered home. */
    public static final String HOME = "HOME";
    /** The binding of an identity to its home. */
    public static final String IDENTITY = "IDENTITY";
    /** A window's state. */
    public static final String WINDOW = "WINDOW";
    /** A home's role declaration in a window. */
    public static final String ROLE = "ROLE";
    /** A member's contribution to a window. */
    public static final String CONTRIBUTION = "CONTRIB";
    /** The first use of a ciphertext. */
    public static final String CIPHERTEXT = "CIPHERTEXT";
    /** r2's mask transfer of a window. */
    public static final String MASK_TRANSFER = "TRANSFER";
    /** r1's outcome proofs of a window. */
    public static final String OUTCOME_PROOF = "OUTCOMEPROOF";
    /** An upheld claim against a member's contribution proof. */
    public static final String CLAIM = "CLAIM";
    /** A window's settlement. */
    public static final String SETTLEMENT = "SETTLEMENT";
    /** The billing party's key and terms. */
    public static final String BILLING = "BILLING";
    /** A home's meter key. */
    public static final String METER = "METER";
    /** The home a meter key belongs to. */
    public static final String METER_KEY = "METERKEY";
    /** A home's settlement record of a window (billing). */
    public static final String SETTLEMENT_RECORD = "BREC";
    /** A meter's report of a window for a home. */
    public static final String METER_REPORT = "MREPORT";
    /** A window's market-balance check. */
    public static final String MARKET_BALANCE = "BALANCE";
    /** A home's bill of a period. */
    public static final String BILL = "BILL";
    /** The last window billed to a home. */
    public static final String BILLED = "BILLED";
    /** A dispute. */
    public static final String DISPUTE = "DISPUTE";
    /** A home's partner lines of a window, under the billing key. */
    public static final String PARTNER_LINES = "PLINES";
    /** The partner lines of a home's bill of a period. */
    public static final String PARTNER_BILL = "PBILL";

    /** A registered representative. */
    public static final String REPRESENTATIVE = "REPRESENTATIVE";
    /** The binding of an identity to the representative it acts as. */
    public static final String REPRESENTATIVE_IDENTITY = "REPIDENTITY";
    /** A home's delegation to a representative. */
    public static final String DELEGATION = "DELEGATION";

    /** A home's key-correctness and no-small-factor proofs. */
    public static final String KEY_PROOF = "KEYPROOF";
    /** The ring-Pedersen parameters of the no-small-factor proofs. */
    public static final String PROOF_PARAMETERS = "PROOFPARAMS";

    /** Every object type of the contract. */
    public static final List<String> OBJECT_TYPES = List.of(MARKET, HOME, KEY_PROOF, PROOF_PARAMETERS, IDENTITY, WINDOW, ROLE,
            CONTRIBUTION, CIPHERTEXT, MASK_TRANSFER, OUTCOME_PROOF, CLAIM, SETTLEMENT, BILLING, METER, METER_KEY, SETTLEMENT_RECORD,
            METER_REPORT, MARKET_BALANCE, BILL, BILLED, DISPUTE, PARTNER_LINES, PARTNER_BILL, REPRESENTATIVE,
            REPRESENTATIVE_IDENTITY, DELEGATION);
    private static final Set<String> NO_ATTRIBUTES = Set.of(MARKET, BILLING, PROOF_PARAMETERS);
    private static final Set<String> ONE_ATTRIBUTE = Set.of(HOME, KEY_PROOF, WINDOW, CIPHERTEXT, MASK_TRANSFER, OUTCOME_PROOF, SETTLEMENT, METER, METER_KEY,
            MARKET_BALANCE, BILLED, DISPUTE, REPRESENTATIVE, DELEGATION);
    private static final Set<String> TWO_ATTRIBUTES = Set.of(IDENTITY, ROLE, CONTRIBUTION, CLAIM,
            SETTLEMENT_RECORD, METER_REPORT, BILL, PARTNER_LINES, PARTNER_BILL, REPRESENTATIVE_IDENTITY);

    private StateKeys() {
    }

    /** The key of the market configuration. */
    public static String market() {
        return CompositeKeys.create(MARKET);
    }

    /** The key of a home. */
    public static String home(String homeId) {
        return CompositeKeys.create(HOME, homeId);
    }

    /** The key of a home's key-correctness and no-small-factor proofs. */
    public static String keyProof(String homeId) {
        return CompositeKeys.create(KEY_PROOF, homeId);
    }

    /** The key of the ring-Pedersen proof parameters. */
    public static String proofParameters() {
        return CompositeKeys.create(PROOF_PARAMETERS);
    }

    /** The key of an identity's binding. */
    public static String identity(String mspId, String certificateHash) {
        return CompositeKeys.create(IDENTITY, mspId, certificateHash);
    }

    /** The key of a representative. */
    public static String representative(String representativeId) {
        return CompositeKeys.create(REPRESENTATIVE, representativeId);
    }

    /** The key of an identity's binding to a representative. */
    public static String representativeIdentity(String mspId, String certificateHash) {
        return CompositeKeys.create(REPRESENTATIVE_IDENTITY, mspId, certificateHash);
    }

    /** The key of a home's delegation. */
    public static String delegation(String homeId) {
        return CompositeKeys.create(DELEGATION, homeId);
    }

    /** The key of a window. */
    public static String window(long window) {
        return CompositeKeys.create(WINDOW, Long.toString(window));
    }

    /** The key of a home's role declaration in a window. */
    public static String role(long window, String homeId) {
        return CompositeKeys.create(ROLE, Long.toString(window), homeId);
    }

    /** The key of a member's contribution to a window. */
    public static String contribution(long window, String homeId) {
        return CompositeKeys.create(CONTRIBUTION, Long.toString(window), homeId);
    }

    /** The key of a ciphertext's first use, by the hex SHA-256 of its bytes. */
    public static String ciphertext(String sha256Hex) {
        return CompositeKeys.create(CIPHERTEXT, sha256Hex);
    }

    /** The key of a window's mask transfer. */
    public static String maskTransfer(long window) {
        return CompositeKeys.create(MASK_TRANSFER, Long.toString(window));
    }

    /** The key of a window's outcome proofs. */
    public static String outcomeProof(long window) {
        return CompositeKeys.create(OUTCOME_PROOF, Long.toString(window));
    }

    /** The key of an upheld claim against a member's contribution to a window. */
    public static String claim(long window, String homeId) {
        return CompositeKeys.create(CLAIM, Long.toString(window), homeId);
    }

    /** The key of a window's settlement. */
    public static String settlement(long window) {
        return CompositeKeys.create(SETTLEMENT, Long.toString(window));
    }

    /** The key of the billing party's key and terms. */
    public static String billing() {
        return CompositeKeys.create(BILLING);
    }

    /** The key of a home's meter key. */
    public static String meter(String homeId) {
        return CompositeKeys.create(METER, homeId);
    }

    /** The key of a meter key's binding to its home, by the key's fingerprint. */
    public static String meterKey(String fingerprint) {
        return CompositeKeys.create(METER_KEY, fingerprint);
    }

    /** The key of a home's settlement record of a window. */
    public static String settlementRecord(long window, String homeId) {
        return CompositeKeys.create(SETTLEMENT_RECORD, Long.toString(window), homeId);
    }

    /** The key of a meter's report of a window for a home. */
    public static String meterReport(long window, String homeId) {
        return CompositeKeys.create(METER_REPORT, Long.toString(window), homeId);
    }

    /** The key of a window's market-balance check. */
    public static String marketBalance(long window) {
        return CompositeKeys.create(MARKET_BALANCE, Long.toString(window));
    }

    /** The key of a home's bill starting at window {@code from}. */
    public static String bill(String homeId, long from) {
        return CompositeKeys.create(BILL, homeId, Long.toString(from));
    }

    /** The key of a home's partner lines of a window. */
    public static String partnerLines(long window, String homeId) {
        return CompositeKeys.create(PARTNER_LINES, Long.toString(window), homeId);
    }

    /** The key of the partner lines of a home's bill starting at window {@code from}. */
    public static String partnerBill(String homeId, long from) {
        return CompositeKeys.create(PARTNER_BILL, homeId, Long.toString(from));
    }

    /** The key of the last window billed to a home. */
    public static String billed(String homeId) {
        return CompositeKeys.create(BILLED, homeId);
    }

    /** The key of a dispute. */
    public static String dispute(String id) {
        return CompositeKeys.create(DISPUTE, id);
    }

    /**
     * Parses the readable form of a key, {@code TYPE} or {@code TYPE/attribute/...} (for example {@code WINDOW/7}
     * or {@code CONTRIB/7/home-12}), as {@code getHistory} takes it.
     *
     * @param path the readable key
     * @return the composite key
     * @throws IllegalArgumentException if the object type is not one of the contract's or has the wrong number of
     *                                  attributes
     */
    public static String fromPath(String path) {
        String[] parts = path.split("/", -1);
        String type = parts[0];
        int attributes = parts.length - 1;
        int expected = NO_ATTRIBUTES.contains(type) ? 0 : ONE_ATTRIBUTE.contains(type) ? 1
                : TWO_ATTRIBUTES.contains(type) ? 2
                : -1;
        if (expected < 0) {
            throw new IllegalArgumentException("unknown object type \"" + type + "\"; expected one of "
                    + OBJECT_TYPES);
        }
        if (attributes != expected) {
            throw new IllegalArgumentException("keys of type " + type + " have " + expected + " attributes, got "
                    + attributes);
        }
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                throw new IllegalArgumentException("key attribute " + i + " is empty");
            }
        }
        String[] rest = new String[attributes];
        System.arraycopy(parts, 1, rest, 0, attributes);
        return CompositeKeys.create(type, rest);
    }
}
