package io.neighbourgrid.crypto.comparison;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;

/** SHA-256 over length-prefixed parts, with a domain label first, so that no two part lists hash alike. */
final class Sha256 {
    static final int LENGTH = 32;

    private Sha256() {
    }

    /** SHA-256(len(label) || label || len(part_1) || part_1 || ...), lengths as 4-byte big-endian. */
    static byte[] digest(String label, byte[]... parts) {
        SHA256Digest d = new SHA256Digest();
        absorb(d, label.getBytes(StandardCharsets.UTF_8));
        for (byte[] part : parts) {
            absorb(d, part);
        }
        byte[] out = new byte[LENGTH];
        d.doFinal(out, 0);
        return out;
    }

    private static void absorb(SHA256Digest d, byte[] bytes) {
        d.update((byte) (bytes.length >>> 24));
        d.update((byte) (bytes.length >>> 16));
        d.update((byte) (bytes.length >>> 8));
        d.update((byte) bytes.length);
        d.update(bytes, 0, bytes.length);
    }
}
