package io.neighbourgrid.ledger;

/**
 * What one connection has sent: the number of submissions and evaluations (failed ones included) and their sizes,
 * counted as the UTF-8 bytes of the transaction name plus those of every argument. Transport framing, signatures
 * and certificates are not counted, so the figures compare across ledger implementations.
 *
 * @param submissions    transactions submitted
 * @param submittedBytes bytes of the submitted transactions' names and arguments
 * @param evaluations    transactions evaluated
 * @param evaluatedBytes bytes of the evaluated transactions' names and arguments
 */
public record LedgerTraffic(long submissions, long submittedBytes, long evaluations, long evaluatedBytes) {
    /** No traffic. */
    public static final LedgerTraffic NONE = new LedgerTraffic(0, 0, 0, 0);

    /** The size counted for one transaction: UTF-8 bytes of its name and arguments. */
    public static long sizeOf(String transaction, String... args) {
        long n = utf8Length(transaction);
        for (String a : args) {
            n += utf8Length(a);
        }
        return n;
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
