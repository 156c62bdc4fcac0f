package io.neighbourgrid.embedded;

import io.neighbourgrid.protocol.contract.Creator;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The channel's organisations and the creator check a Fabric MSP performs: the creator's organisation is a member,
 * its certificate is signed by that organisation's certificate authority, is not itself a CA certificate, and is
 * valid at the transaction timestamp (the timestamp, not the wall clock, so that replaying the chain decides the
 * same way).
 *
 * <p>While no organisation is registered the channel has open membership and any creator is accepted; the first
 * registered organisation closes it.
 */
final class Membership {
    private volatile Map<String, X509Certificate> organisations = Map.of();
    /** Certificates whose CA signature was already verified, keyed by MSP id and certificate hash. */
    private final Map<String, X509Certificate> verified = new ConcurrentHashMap<>();

    boolean isOpen() {
        return organisations.isEmpty();
    }

    Map<String, X509Certificate> organisations() {
        return organisations;
    }

    /** Rejects a certificate that cannot serve as an organisation's root of trust. */
    static void requireCaCertificate(String mspId, X509Certificate ca) {
        if (ca.getBasicConstraints() < 0) {
            throw new IllegalArgumentException("certificate of " + mspId + " is not a CA certificate "
                    + "(basic constraints CA flag missing)");
        }
        boolean[] usage = ca.getKeyUsage();
        if (usage != null && !usage[5]) {
            throw new IllegalArgumentException("CA certificate of " + mspId + " may not sign certificates "
                    + "(keyCertSign usage missing)");
        }
    }

    /**
     * Whether {@code mspId} is registered already with {@code ca}.
     *
     * @return {@code false} when it is not registered
     * @throws IllegalStateException when it is registered with a different CA certificate
     */
    boolean isRegistered(String mspId, X509Certificate ca) {
        X509Certificate existing = organisations.get(mspId);
        if (existing == null) {
            return false;
        }
        if (sameCertificate(existing, ca)) {
            return true;
        }
        throw new IllegalStateException("organisation " + mspId
                + " is already registered with a different CA certificate");
    }

    private static boolean sameCertificate(X509Certificate a, X509Certificate b) {
        try {
            return MessageDigest.isEqual(a.getEncoded(), b.getEncoded());
        } catch (CertificateEncodingException e) {
            return false;
        }
    }

    /** Adds an organisation; the caller serialises configuration changes. */
    void add(String mspId, X509Certificate ca) {
        Map<String, X509Certificate> next = new LinkedHashMap<>(organisations);
        next.put(mspId, ca);
        organisations = Collections.unmodifiableMap(next);
    }

    /**
     * Checks a creator at a transaction timestamp.
     *
     * @throws CreatorRejectedException naming why the creator is not accepted
     */
    void check(Creator creator, Instant at) {
        Map<String, X509Certificate> orgs = organisations;
        if (orgs.isEmpty()) {
            return;
        }
        X509Certificate ca = orgs.get(creator.mspId());
        if (ca == null) {
            throw new CreatorRejectedException("creator organisation " + creator.mspId()
                    + " is not a member of the channel");
        }
        String cacheKey = creator.mspId() + '/' + creator.certificateHash();
        X509Certificate cert = verified.get(cacheKey);
        if (cert == null) {
            cert = verifyChain(creator, ca);
            verified.put(cacheKey, cert);
        }
        Date when = Date.from(at);
        try {
            cert.checkValidity(when);
        } catch (CertificateException e) {
            throw new CreatorRejectedException("creator certificate " + cert.getSubjectX500Principal().getName()
                    + " is not valid at the transaction time " + at, e);
        }
        try {
            ca.checkValidity(when);
        } catch (CertificateException e) {
            throw new CreatorRejectedException("CA certificate of " + creator.mspId()
                    + " is not valid at the transaction time " + at, e);
        }
    }

    private static X509Certificate verifyChain(Creator creator, X509Certificate ca) {
        X509Certificate cert;
        try {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(creator.certificateDer()));
        } catch (CertificateException | ClassCastException e) {
            throw new CreatorRejectedException("creator certificate of " + creator.mspId()
                    + " is not an X.509 certificate", e);
        }
        if (cert.getBasicConstraints() >= 0) {
            throw new CreatorRejectedException("a CA certificate cannot be used as a transaction creator");
        }
        if (!cert.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            throw new CreatorRejectedException("creator certificate was issued by "
                    + cert.getIssuerX500Principal().getName() + ", not by the CA of " + creator.mspId());
        }
        try {
            cert.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new CreatorRejectedException("creator certificate is not signed by the CA of "
                    + creator.mspId(), e);
        }
        return cert;
    }
}
