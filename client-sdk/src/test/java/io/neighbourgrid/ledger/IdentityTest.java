package io.neighbourgrid.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityTest {
    static final LocalCertificateAuthority COMMUNITY =
            LocalCertificateAuthority.create("CommunityMSP", "community.neighbourgrid.io");

    @TempDir
    Path dir;

    @Nested
    class Generation {
        @Test
        void makesASelfSignedP256Certificate() throws GeneralSecurityException {
            Identity id = Identity.generate("CommunityMSP", "home-1");
            X509Certificate cert = id.certificate();
            assertEquals("CommunityMSP", id.mspId());
            assertEquals(256, ((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize());
            assertEquals("SHA256withECDSA", cert.getSigAlgName());
            assertDoesNotThrow(() -> cert.verify(cert.getPublicKey()));
            assertEquals(-1, cert.getBasicConstraints());
            assertTrue(cert.getSubjectX500Principal().getName().contains("CN=home-1"));
        }

        @Test
        void neverShowsThePrivateKeyInToString() {
            Identity id = Identity.generate("CommunityMSP", "home-1");
            String s = id.toString();
            assertFalse(s.contains(java.util.HexFormat.of().formatHex(id.privateKey().getEncoded())));
            assertTrue(s.contains("CommunityMSP"));
        }

        @Test
        void bindsTheCreatorToTheCertificate() throws Exception {
            Identity id = Identity.generate("CommunityMSP", "home-1");
            assertArrayEquals(id.certificate().getEncoded(), id.creator().certificateDer());
            assertEquals(id.creator().certificateHash(), id.certificateHash());
        }

        @Test
        void rejectsAKeyThatDoesNotBelongToTheCertificate() {
            Identity a = Identity.generate("CommunityMSP", "a");
            Identity b = Identity.generate("CommunityMSP", "b");
            assertThrows(IllegalArgumentException.class,
                    () -> Identity.of("CommunityMSP", a.certificate(), b.privateKey()));
        }
    }

    @Nested
    class CertificateAuthority {
        @Test
        void issuesCertificatesThatChainToTheOrganisationsCa() throws Exception {
            Identity home = COMMUNITY.issue("home-7");
            X509Certificate ca = COMMUNITY.certificate();
            assertTrue(ca.getBasicConstraints() >= 0);
            assertTrue(ca.getKeyUsage()[5], "keyCertSign");
            assertEquals(ca.getSubjectX500Principal(), home.certificate().getIssuerX500Principal());
            assertDoesNotThrow(() -> home.certificate().verify(ca.getPublicKey()));
            assertEquals("CommunityMSP", home.mspId());
            assertTrue(home.certificate().getSubjectX500Principal().getName().contains("OU=client"));
        }

        @Test
        void issuesCertificatesThatDoNotVerifyUnderAnotherCa() {
            LocalCertificateAuthority other = LocalCertificateAuthority.create("OperatorMSP", "operator.io");
            Identity home = COMMUNITY.issue("home-8");
            assertThrows(GeneralSecurityException.class,
                    () -> home.certificate().verify(other.certificate().getPublicKey()));
        }

        @Test
        void honoursAnExplicitValidityPeriod() {
            Instant from = Instant.parse("2012-01-01T00:00:00Z");
            Instant to = Instant.parse("2014-01-01T00:00:00Z");
            Identity id = COMMUNITY.issue("home-9", from, to);
            assertEquals(from, id.certificate().getNotBefore().toInstant());
            assertEquals(to, id.certificate().getNotAfter().toInstant());
        }

        @Test
        void survivesARoundTripThroughPemFiles() throws Exception {
            COMMUNITY.writePemFiles(dir.resolve("ca-cert.pem"), dir.resolve("priv_sk"));
            LocalCertificateAuthority loaded = LocalCertificateAuthority.fromPemFiles("CommunityMSP",
                    dir.resolve("ca-cert.pem"), dir.resolve("priv_sk"));
            assertEquals(COMMUNITY.certificate(), loaded.certificate());
            Identity issued = loaded.issue("home-10");
            assertDoesNotThrow(() -> issued.certificate().verify(COMMUNITY.certificate().getPublicKey()));
            assertTrue(issued.certificate().getSubjectX500Principal().getName()
                    .contains("O=community.neighbourgrid.io"));
        }
    }

    @Nested
    class Pem {
        @Test
        void roundTripsThroughPemFilesAsCryptogenLaysThemOut() throws Exception {
            Identity id = COMMUNITY.issue("User1@community.neighbourgrid.io");
            Path msp = dir.resolve("msp");
            Files.createDirectories(msp.resolve("signcerts"));
            Files.createDirectories(msp.resolve("keystore"));
            id.writePemFiles(msp.resolve("signcerts/cert.pem"), msp.resolve("keystore/priv_sk"));
            assertTrue(Files.readString(msp.resolve("keystore/priv_sk")).startsWith("-----BEGIN PRIVATE KEY-----"));
            assertTrue(Files.readString(msp.resolve("signcerts/cert.pem")).startsWith("-----BEGIN CERTIFICATE-----"));
            if (msp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(msp.resolve("keystore/priv_sk"))));
            }
            Identity loaded = Identity.fromMspDirectory("CommunityMSP", msp);
            assertEquals(id.certificate(), loaded.certificate());
            assertArrayEquals(id.privateKey().getEncoded(), loaded.privateKey().getEncoded());
        }

        @Test
        void rejectsTextWithoutACertificateOrKey() {
            Identity id = Identity.generate("CommunityMSP", "x");
            assertThrows(IllegalArgumentException.class, () -> Identity.fromPem("CommunityMSP", "garbage",
                    "garbage"));
            assertThrows(IllegalArgumentException.class, () -> Identity.fromPem("CommunityMSP",
                    id.certificatePem(), id.certificatePem()));
        }
    }
}
