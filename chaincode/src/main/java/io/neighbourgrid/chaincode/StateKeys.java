package io.neighbourgrid.chaincode;

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
 * <tr><td>{@value #IDENTITY}</td><td>MSP id, certificate hash</td><td>{@code IdentityBinding}</td></tr>
 * <tr><td>{@value #WINDOW}</td><td>t</td><td>{@code WindowRecord}</td></tr>
 * <tr><td>{@value #ROLE}</td><td>t, home id</td><td>{@code RoleDeclaration}</td></tr>
 * <tr><td>{@value #CONTRIBUTION}</td><td>t, home id</td><td>{@code Contribution}</td></tr>
 * <tr><td>{@value #CIPHERTEXT}</td><td>hex SHA-256 of the ciphertext</td><td>{@code CiphertextUse}</td></tr>
 * <tr><td>{@value #COMPARISON}</td><td>t, step</td><td>{@code ComparisonMessage}</td></tr>
 * <tr><td>{@value #SETTLEMENT}</td><td>t</td><td>{@code Settlement}</td></tr>
 * </table>
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
    /** A comparison message of a window. */
    public static final String COMPARISON = "COMPARISON";
    /** A window's settlement. */
    public static final String SETTLEMENT = "SETTLEMENT";

    /** Every object type of the contract. */
    static final List<String> OBJECT_TYPES = List.of(MARKET, HOME, IDENTITY, WINDOW, ROLE, CONTRIBUTION, CIPHERTEXT,
            COMPARISON, SETTLEMENT);
    private static final Set<String> ONE_ATTRIBUTE = Set.of(HOME, WINDOW, CIPHERTEXT, SETTLEMENT);
    private static final Set<String> TWO_ATTRIBUTES = Set.of(IDENTITY, ROLE, CONTRIBUTION, COMPARISON);

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

    /** The key of an identity's binding. */
    public static String identity(String mspId, String certificateHash) {
        return CompositeKeys.create(IDENTITY, mspId, certificateHash);
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

    /** The key of a comparison message. */
    public static String comparison(long window, int step) {
        return CompositeKeys.create(COMPARISON, Long.toString(window), Integer.toString(step));
    }

    /** The key of a window's settlement. */
    public static String settlement(long window) {
        return CompositeKeys.create(SETTLEMENT, Long.toString(window));
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
        int expected = MARKET.equals(type) ? 0 : ONE_ATTRIBUTE.contains(type) ? 1 : TWO_ATTRIBUTES.contains(type) ? 2
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
