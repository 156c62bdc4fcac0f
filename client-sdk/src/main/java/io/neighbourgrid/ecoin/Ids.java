package io.neighbourgrid.ecoin;

import java.security.SecureRandom;
import java.util.Base64;

/** Random serial numbers (offers {@code i}, requests {@code j}, batches) and receipts. */
final class Ids {
    private Ids() {
    }

    /** 128 random bits, URL-safe Base64 without padding (22 characters). */
    static String random(SecureRandom random) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** A random 32-byte receipt. */
    static byte[] receipt(SecureRandom random) {
        byte[] r = new byte[32];
        random.nextBytes(r);
        return r;
    }
}
