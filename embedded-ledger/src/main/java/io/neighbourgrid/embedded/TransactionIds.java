package io.neighbourgrid.embedded;

import io.neighbourgrid.protocol.contract.Creator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Fabric's transaction id: lower-case hex SHA-256 of the nonce followed by the creator's serialized identity, the
 * protobuf {@code msp.SerializedIdentity { string mspid = 1; bytes id_bytes = 2; }} whose {@code id_bytes} is the
 * PEM-encoded certificate.
 */
final class TransactionIds {
    /** Nonce length used by Fabric's SDKs. */
    static final int NONCE_LENGTH = 24;

    private TransactionIds() {
    }

    static String compute(byte[] nonce, Creator creator) {
        return HexFormat.of().formatHex(BlockCodec.sha256(nonce, serializedIdentity(creator)));
    }

    static byte[] serializedIdentity(Creator creator) {
        byte[] msp = creator.mspId().getBytes(StandardCharsets.UTF_8);
        byte[] pem = pem(creator.certificateDer());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x0A); // field 1, length-delimited
        writeVarint(out, msp.length);
        out.writeBytes(msp);
        out.write(0x12); // field 2, length-delimited
        writeVarint(out, pem.length);
        out.writeBytes(pem);
        return out.toByteArray();
    }

    private static byte[] pem(byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return ("-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static void writeVarint(ByteArrayOutputStream out, int value) {
        int v = value;
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }
}
