package io.neighbourgrid.protocol.contract;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * The signer of a transaction: its MSP id and its X.509 certificate (DER). Homes are bound to the SHA-256 of their
 * certificate, so a second identity of the same organisation can never act for them.
 *
 * @param mspId          the membership service provider id, e.g. {@code CommunityMSP}
 * @param certificateDer the DER encoding of the signer's X.509 certificate
 */
public record Creator(String mspId, byte[] certificateDer) {
    public Creator {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(certificateDer, "certificateDer");
        certificateDer = certificateDer.clone();
    }

    /** Lower-case hex SHA-256 of the certificate: the stable id of this identity. */
    public String certificateHash() {
        SHA256Digest d = new SHA256Digest();
        d.update(certificateDer, 0, certificateDer.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }

    @Override
    public byte[] certificateDer() {
        return certificateDer.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Creator c && mspId.equals(c.mspId) && Arrays.equals(certificateDer, c.certificateDer);
    }

    @Override
    public int hashCode() {
        return 31 * mspId.hashCode() + Arrays.hashCode(certificateDer);
    }

    @Override
    public String toString() {
        return "Creator[" + mspId + ", " + certificateHash().substring(0, 16) + "]";
    }
}
