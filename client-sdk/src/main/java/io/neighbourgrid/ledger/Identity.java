package io.neighbourgrid.ledger;

import io.neighbourgrid.protocol.contract.Creator;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemGenerationException;

/**
 * A Fabric identity: an MSP id, an X.509 certificate and the private key that signs as it. Keys are EC P-256 with
 * ECDSA-SHA256 signatures, as Fabric's MSPs use. The private key never appears in {@link #toString()}.
 */
public final class Identity {
    static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String mspId;
    private final X509Certificate certificate;
    private final PrivateKey privateKey;

    private Identity(String mspId, X509Certificate certificate, PrivateKey privateKey) {
        this.mspId = mspId;
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    /**
     * An identity from its parts.
     *
     * @throws IllegalArgumentException when the MSP id is empty or the key does not belong to the certificate
     */
    public static Identity of(String mspId, X509Certificate certificate, PrivateKey privateKey) {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        if (mspId.isEmpty()) {
            throw new IllegalArgumentException("MSP id must not be empty");
        }
        requireMatchingKey(certificate.getPublicKey(), privateKey);
        return new Identity(mspId, certificate, privateKey);
    }

    /**
     * A new identity with a self-signed certificate, valid from 2000 on with no expiry. A self-signed identity is
     * accepted only by a channel with open membership; organisations issue theirs with a
     * {@link LocalCertificateAuthority}.
     */
    public static Identity generate(String mspId, String commonName) {
        KeyPair keys = generateKeyPair();
        X500Name subject = name(commonName, null, "client");
        X509Certificate cert = sign(subject, keys.getPublic(), subject, keys.getPrivate(),
                LocalCertificateAuthority.DEFAULT_NOT_BEFORE, LocalCertificateAuthority.DEFAULT_NOT_AFTER, false);
        return of(mspId, cert, keys.getPrivate());
    }

    /**
     * Loads an identity from PEM text: a certificate and a private key in PKCS#8 ({@code PRIVATE KEY}, as Fabric's
     * cryptogen and CA write it) or SEC1 ({@code EC PRIVATE KEY}) form.
     *
     * @throws IllegalArgumentException when either text holds no usable certificate or key, or they do not match
     */
    public static Identity fromPem(String mspId, String certificatePem, String privateKeyPem) {
        return of(mspId, parseCertificate(certificatePem), parsePrivateKey(privateKeyPem));
    }

    /**
     * Loads an identity from a certificate PEM file and a private key PEM file.
     *
     * @throws IOException when a file cannot be read
     */
    public static Identity fromPemFiles(String mspId, Path certificateFile, Path privateKeyFile)
            throws IOException {
        return fromPem(mspId, Files.readString(certificateFile, StandardCharsets.US_ASCII),
                Files.readString(privateKeyFile, StandardCharsets.US_ASCII));
    }

    /**
     * Loads an identity from an MSP directory as cryptogen writes one for a user:
     * {@code signcerts/<one>.pem} and {@code keystore/<one key file>} (cryptogen names it {@code priv_sk}).
     *
     * @throws IOException when the directory does not hold exactly one certificate and one key
     */
    public static Identity fromMspDirectory(String mspId, Path mspDirectory) throws IOException {
        return fromPemFiles(mspId, onlyFile(mspDirectory.resolve("signcerts")),
                onlyFile(mspDirectory.resolve("keystore")));
    }

    private static Path onlyFile(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        if (files.size() != 1) {
            throw new IOException(dir + " must hold exactly one file, found " + files.size());
        }
        return files.get(0);
    }

    /**
     * Writes the certificate and the PKCS#8 private key as PEM files; the key file is readable by its owner only
     * where the file system supports POSIX permissions.
     */
    public void writePemFiles(Path certificateFile, Path privateKeyFile) throws IOException {
        Files.writeString(certificateFile, certificatePem(), StandardCharsets.US_ASCII);
        writePrivateKey(privateKeyFile, privateKey);
    }

    static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file);
        // Non-POSIX file systems keep their default permissions.
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(file, pkcs8Pem(key), StandardCharsets.US_ASCII);
    }

    /** The MSP id of the organisation this identity belongs to. */
    public String mspId() {
        return mspId;
    }

    /** The X.509 certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The signing key; handle with care. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The certificate as PEM text. */
    public String certificatePem() {
        return pem(certificate);
    }

    /** The transaction creator this identity signs as: its MSP id and certificate. */
    public Creator creator() {
        try {
            return new Creator(mspId, certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate of " + mspId + " cannot be encoded", e);
        }
    }

    /** Lower-case hex SHA-256 of the certificate, the id the contract binds homes to. */
    public String certificateHash() {
        return creator().certificateHash();
    }

    @Override
    public String toString() {
        return "Identity[" + mspId + ", " + certificate.getSubjectX500Principal().getName() + "]";
    }

    // ------------------------------------------------------------------ shared with the CA

    static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 key generation is unavailable", e);
        }
    }

    static X500Name name(String commonName, String organisation, String organisationalUnit) {
        Objects.requireNonNull(commonName, "commonName");
        if (commonName.isEmpty()) {
            throw new IllegalArgumentException("common name must not be empty");
        }
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        if (organisation != null) {
            b.addRDN(BCStyle.O, organisation);
        }
        if (organisationalUnit != null) {
            b.addRDN(BCStyle.OU, organisationalUnit);
        }
        b.addRDN(BCStyle.CN, commonName);
        return b.build();
    }

    /**
     * Builds and signs a certificate the way Fabric's cryptogen does: a random positive 128-bit serial, subject and
     * authority key identifiers, and key usage {@code keyCertSign, cRLSign} for CAs or {@code digitalSignature}
     * for end identities.
     */
    static X509Certificate sign(X500Name subject, PublicKey subjectKey, X500Name issuer, PrivateKey issuerKey,
                                Instant notBefore, Instant notAfter, boolean ca) {
        return sign(subject, subjectKey, issuer, issuerKey, null, notBefore, notAfter, ca);
    }

    static X509Certificate sign(X500Name subject, PublicKey subjectKey, X500Name issuer, PrivateKey issuerKey,
                                X509Certificate issuerCert, Instant notBefore, Instant notAfter, boolean ca) {
        if (!notBefore.isBefore(notAfter)) {
            throw new IllegalArgumentException("validity must start before it ends");
        }
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(128, RANDOM).setBit(0),
                    Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            b.addExtension(Extension.keyUsage, true, ca
                    ? new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign | KeyUsage.cRLSign)
                    : new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
            if (issuerCert != null) {
                b.addExtension(Extension.authorityKeyIdentifier, false,
                        ext.createAuthorityKeyIdentifier(issuerCert));
            }
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(issuerKey);
            X509CertificateHolder holder = b.build(signer);
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("certificate for " + subject + " could not be signed", e);
        }
    }

    static X509Certificate parseCertificate(String pem) {
        Objects.requireNonNull(pem, "certificate PEM");
        for (Object o : readPem(pem)) {
            if (o instanceof X509CertificateHolder holder) {
                try {
                    return new JcaX509CertificateConverter().getCertificate(holder);
                } catch (CertificateException e) {
                    throw new IllegalArgumentException("PEM certificate cannot be decoded", e);
                }
            }
        }
        throw new IllegalArgumentException("PEM text holds no CERTIFICATE block");
    }

    static PrivateKey parsePrivateKey(String pem) {
        Objects.requireNonNull(pem, "private key PEM");
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        for (Object o : readPem(pem)) {
            try {
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
            } catch (PEMException e) {
                throw new IllegalArgumentException("PEM private key cannot be decoded", e);
            }
        }
        throw new IllegalArgumentException("PEM text holds no PRIVATE KEY or EC PRIVATE KEY block");
    }

    private static List<Object> readPem(String pem) {
        List<Object> out = new ArrayList<>();
        try (Reader r = new StringReader(pem); PEMParser parser = new PEMParser(r)) {
            Object o;
            while ((o = parser.readObject()) != null) {
                out.add(o);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed PEM text: " + e.getMessage(), e);
        }
        return out;
    }

    static String pem(Object object) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(w)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException("writing PEM to memory cannot fail", e);
        }
        return w.toString();
    }

    /** A private key as an unencrypted PKCS#8 {@code PRIVATE KEY} PEM block, the form cryptogen writes. */
    static String pkcs8Pem(PrivateKey key) {
        try {
            return pem(new JcaPKCS8Generator(key, null).generate());
        } catch (PemGenerationException e) {
            throw new IllegalArgumentException("private key cannot be encoded as PKCS#8", e);
        }
    }

    /** Signs a fixed message and verifies it with the public key: the key pair must belong together. */
    static void requireMatchingKey(PublicKey publicKey, PrivateKey privateKey) {
        if (!publicKey.getAlgorithm().equals(privateKey.getAlgorithm())
                && !("EC".equals(publicKey.getAlgorithm()) && "ECDSA".equals(privateKey.getAlgorithm()))) {
            throw new IllegalArgumentException("private key algorithm " + privateKey.getAlgorithm()
                    + " does not match certificate key algorithm " + publicKey.getAlgorithm());
        }
        try {
            byte[] probe = "neighbourgrid identity key check".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(SIGNATURE_ALGORITHM);
            s.initSign(privateKey);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(SIGNATURE_ALGORITHM);
            v.initVerify(publicKey);
            v.update(probe);
            if (!v.verify(sig)) {
                throw new IllegalArgumentException("private key does not belong to the certificate");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("private key cannot sign for the certificate: " + e.getMessage(), e);
        }
    }
}
