package io.neighbourgrid.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

/**
 * An organisation's certificate authority, in the shape Fabric's cryptogen produces: a self-signed EC P-256 CA
 * certificate ({@code CN=ca.<organisation>, O=<organisation>}) that issues the organisation's identities. The
 * embedded ledger registers the CA certificate and then accepts only creators whose certificates it issued.
 *
 * <p>Validity defaults to 2000-01-01 with no expiry ({@code 99991231235959Z}, RFC 5280 section 4.1.2.5) because
 * the embedded ledger checks certificates against the transaction timestamp and a simulation's clock may replay
 * historical meter data.
 */
public final class LocalCertificateAuthority {
    /** Default start of validity. */
    public static final Instant DEFAULT_NOT_BEFORE = Instant.parse("2000-01-01T00:00:00Z");
    /** Default end of validity: RFC 5280's "no well-defined expiration date". */
    public static final Instant DEFAULT_NOT_AFTER = Instant.parse("9999-12-31T23:59:59Z");

    private final String mspId;
    private final String organisation;
    private final X509Certificate certificate;
    private final PrivateKey privateKey;

    private LocalCertificateAuthority(String mspId, String organisation, X509Certificate certificate,
                                      PrivateKey privateKey) {
        this.mspId = mspId;
        this.organisation = organisation;
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    /**
     * A new CA for an organisation, with the default validity.
     *
     * @param mspId        the organisation's MSP id, e.g. {@code CommunityMSP}
     * @param organisation the organisation's domain name, e.g. {@code community.neighbourgrid.io}
     */
    public static LocalCertificateAuthority create(String mspId, String organisation) {
        return create(mspId, organisation, DEFAULT_NOT_BEFORE, DEFAULT_NOT_AFTER);
    }

    /** A new CA for an organisation, valid in [{@code notBefore}, {@code notAfter}]. */
    public static LocalCertificateAuthority create(String mspId, String organisation, Instant notBefore,
                                                   Instant notAfter) {
        requireText(mspId, "MSP id");
        requireText(organisation, "organisation");
        KeyPair keys = Identity.generateKeyPair();
        X500Name subject = Identity.name("ca." + organisation, organisation, null);
        X509Certificate cert = Identity.sign(subject, keys.getPublic(), subject, keys.getPrivate(),
                Objects.requireNonNull(notBefore, "notBefore"), Objects.requireNonNull(notAfter, "notAfter"), true);
        return new LocalCertificateAuthority(mspId, organisation, cert, keys.getPrivate());
    }

    /**
     * Loads an existing CA, e.g. cryptogen's {@code ca/ca.<org>-cert.pem} and {@code ca/priv_sk}.
     *
     * @throws IllegalArgumentException when the certificate is not a CA certificate or the key does not match
     */
    public static LocalCertificateAuthority fromPemFiles(String mspId, Path certificateFile, Path privateKeyFile)
            throws IOException {
        requireText(mspId, "MSP id");
        X509Certificate cert = Identity.parseCertificate(Files.readString(certificateFile,
                StandardCharsets.US_ASCII));
        PrivateKey key = Identity.parsePrivateKey(Files.readString(privateKeyFile, StandardCharsets.US_ASCII));
        if (cert.getBasicConstraints() < 0) {
            throw new IllegalArgumentException(certificateFile + " is not a CA certificate");
        }
        Identity.requireMatchingKey(cert.getPublicKey(), key);
        String org = mspId;
        try {
            RDN[] orgs = new JcaX509CertificateHolder(cert).getSubject().getRDNs(BCStyle.O);
            if (orgs.length > 0) {
                org = IETFUtils.valueToString(orgs[0].getFirst().getValue());
            }
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException(certificateFile + " cannot be decoded", e);
        }
        return new LocalCertificateAuthority(mspId, org, cert, key);
    }

    /** Writes the CA certificate and its PKCS#8 private key as PEM files (the key readable by its owner only). */
    public void writePemFiles(Path certificateFile, Path privateKeyFile) throws IOException {
        Files.writeString(certificateFile, Identity.pem(certificate), StandardCharsets.US_ASCII);
        Identity.writePrivateKey(privateKeyFile, privateKey);
    }

    /** The organisation's MSP id. */
    public String mspId() {
        return mspId;
    }

    /** The CA certificate, which a channel registers as the organisation's root of trust. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** Issues an identity of this organisation ({@code OU=client}) with the CA's own validity period. */
    public Identity issue(String commonName) {
        return issue(commonName, certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
    }

    /** Issues an identity of this organisation ({@code OU=client}) valid in [{@code notBefore}, {@code notAfter}]. */
    public Identity issue(String commonName, Instant notBefore, Instant notAfter) {
        KeyPair keys = Identity.generateKeyPair();
        X500Name issuer;
        try {
            issuer = new JcaX509CertificateHolder(certificate).getSubject();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("CA certificate of " + mspId + " cannot be encoded", e);
        }
        X509Certificate cert = Identity.sign(Identity.name(commonName, organisation, "client"), keys.getPublic(),
                issuer, privateKey, certificate, Objects.requireNonNull(notBefore, "notBefore"),
                Objects.requireNonNull(notAfter, "notAfter"), false);
        return Identity.of(mspId, cert, keys.getPrivate());
    }

    @Override
    public String toString() {
        return "LocalCertificateAuthority[" + mspId + ", " + certificate.getSubjectX500Principal().getName() + "]";
    }

    private static void requireText(String s, String what) {
        Objects.requireNonNull(s, what);
        if (s.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }
}
