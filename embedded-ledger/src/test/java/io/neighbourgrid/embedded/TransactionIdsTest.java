package io.neighbourgrid.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.neighbourgrid.protocol.contract.Creator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TransactionIdsTest {
    @Test
    void serializesTheCreatorAsFabricsSerializedIdentityProtobuf() {
        Creator c = new Creator("Org1MSP", new byte[] {1, 2, 3});
        byte[] pem = "-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE-----\n"
                .getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(0x0A);
        expected.write(7);
        expected.writeBytes("Org1MSP".getBytes(StandardCharsets.US_ASCII));
        expected.write(0x12);
        expected.write(pem.length);
        expected.writeBytes(pem);
        assertArrayEquals(expected.toByteArray(), TransactionIds.serializedIdentity(c));
    }

    @Test
    void usesAMultiByteVarintForLongCertificates() {
        byte[] serialized = TransactionIds.serializedIdentity(new Creator("M", new byte[600]));
        // 600 bytes of DER: 800 Base64 characters in 13 lines (12 line breaks) plus 55 bytes of armour = 867,
        // varint 0xE3 0x06.
        assertEquals((byte) 0xE3, serialized[4]);
        assertEquals((byte) 0x06, serialized[5]);
        assertEquals(6 + 867, serialized.length);
    }

    @Test
    void hashesTheNonceFollowedByTheSerializedIdentity() {
        Creator c = new Creator("Org1MSP", new byte[] {1, 2, 3});
        byte[] nonce = new byte[TransactionIds.NONCE_LENGTH];
        String expected = HexFormat.of().formatHex(BlockCodec.sha256(nonce, TransactionIds.serializedIdentity(c)));
        assertEquals(expected, TransactionIds.compute(nonce, c));
    }
}
