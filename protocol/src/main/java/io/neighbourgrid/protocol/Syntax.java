package io.neighbourgrid.protocol;

import io.neighbourgrid.market.Role;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * The syntax of the contract's plain string arguments, in one place for the chaincode (which parses them, rejecting
 * anything else with {@link ErrorCode#INVALID_ARGUMENT}) and the clients (which format them): home ids, window
 * indices, comparison steps, roles and decimal plaintexts. JSON arguments are read by
 * {@link io.neighbourgrid.protocol.json.StrictJson}.
 */
public final class Syntax {
    /** A home id: 1 to 64 characters of {@code [A-Za-z0-9._-]}, starting with a letter or digit. */
    public static final String HOME_ID_REGEX = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    /** A window index: a non-negative decimal integer without leading zeros, at most 18 digits. */
    public static final String WINDOW_INDEX_REGEX = "0|[1-9][0-9]{0,17}";
    /** A signed decimal integer without leading zeros. */
    public static final String DECIMAL_REGEX = "-?(0|[1-9][0-9]*)";
    /** {@link #HOME_ID_REGEX}, compiled. */
    public static final Pattern HOME_ID = Pattern.compile(HOME_ID_REGEX);
    /** {@link #WINDOW_INDEX_REGEX}, compiled. */
    public static final Pattern WINDOW_INDEX = Pattern.compile(WINDOW_INDEX_REGEX);
    /** {@link #DECIMAL_REGEX}, compiled. */
    public static final Pattern DECIMAL = Pattern.compile(DECIMAL_REGEX);
    /** Longest decimal plaintext accepted: beyond any value a Paillier key of the largest size can carry. */
    public static final int MAX_DECIMAL_CHARS = 2600;

    private Syntax() {
    }

    /**
     * Window {@code t} as a transaction argument (and as a state-key attribute): its decimal digits.
     *
     * @param t the window index
     * @return e.g. {@code "7"}
     */
    public static String window(long t) {
        return Long.toString(t);
    }

    /**
     * Comparison step {@code step} as a transaction argument.
     *
     * @param step 1 to 4
     * @return e.g. {@code "3"}
     */
    public static String step(int step) {
        return Integer.toString(step);
    }

    /**
     * Parses a window argument.
     *
     * @param window the argument
     * @return the window index
     * @throws ContractException {@link ErrorCode#INVALID_ARGUMENT} unless it matches {@link #WINDOW_INDEX}
     */
    public static long parseWindow(String window) {
        if (window == null || !WINDOW_INDEX.matcher(window).matches()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("window index must be a non-negative decimal integer without "
                    + "leading zeros, at most 18 digits");
        }
        return Long.parseLong(window);
    }

    /**
     * Checks a home id argument.
     *
     * @param homeId the argument
     * @return the home id
     * @throws ContractException {@link ErrorCode#INVALID_ARGUMENT} unless it matches {@link #HOME_ID}
     */
    public static String parseHomeId(String homeId) {
        if (homeId == null || !HOME_ID.matcher(homeId).matches()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("home id must be 1 to 64 characters of [A-Za-z0-9._-] "
                    + "starting with a letter or digit");
        }
        return homeId;
    }

    /**
     * Parses a role argument: a {@link Role}'s name.
     *
     * @param role {@code SELLER}, {@code BUYER} or {@code OFF}
     * @return the role
     * @throws ContractException {@link ErrorCode#INVALID_ARGUMENT} for anything else
     */
    public static Role parseRole(String role) {
        if (role != null) {
            for (Role r : Role.values()) {
                if (r.name().equals(role)) {
                    return r;
                }
            }
        }
        throw ErrorCode.INVALID_ARGUMENT.exception("role must be SELLER, BUYER or OFF");
    }

    /**
     * Parses a comparison step argument.
     *
     * @param step {@code 1}, {@code 2}, {@code 3} or {@code 4}
     * @return the step
     * @throws ContractException {@link ErrorCode#INVALID_ARGUMENT} for anything else
     */
    public static int parseStep(String step) {
        if (step == null || step.length() != 1 || step.charAt(0) < '1' || step.charAt(0) > '4') {
            throw ErrorCode.INVALID_ARGUMENT.exception("comparison step must be 1, 2, 3 or 4");
        }
        return step.charAt(0) - '0';
    }

    /**
     * Parses a decimal plaintext.
     *
     * @param text    the text
     * @param subject what the text is, leading the message (e.g. {@code "the plaintext of T_r1"})
     * @return the value
     * @throws ContractException {@link ErrorCode#INVALID_ARGUMENT} unless it matches {@link #DECIMAL} within
     *                           {@link #MAX_DECIMAL_CHARS} characters
     */
    public static BigInteger parseDecimal(String text, String subject) {
        if (text == null || text.length() > MAX_DECIMAL_CHARS || !DECIMAL.matcher(text).matches()) {
            throw ErrorCode.INVALID_ARGUMENT.exception(subject + " must be a decimal integer without leading zeros");
        }
        return new BigInteger(text);
    }
}
