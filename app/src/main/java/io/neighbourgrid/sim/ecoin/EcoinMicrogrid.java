package io.neighbourgrid.sim.ecoin;

import io.neighbourgrid.crypto.blind.BlindRsaKeyPair;
import io.neighbourgrid.ecoin.EcoinClient;
import io.neighbourgrid.ecoin.MeterAgent;
import io.neighbourgrid.ecoin.SubstationAgent;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.ecoin.EcoinSettings;
import io.neighbourgrid.sim.LedgerProvider;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An e-coin microgrid on a ledger, set up once (Section 5.2): the substation's key configured in the contract and
 * the shared identity fixed, for up to {@code capacityA} type A and {@code capacityB} type B meters. Meters register
 * when they first take part, so successive billing periods can run with more meters each (Table 1's five sizes on
 * one network). Meter {@code meter-aK} connects as home {@code K - 1}, {@code meter-bK} as home
 * {@code capacityA + K - 1}, and the shared identity as home {@code capacityA + capacityB}.
 */
public final class EcoinMicrogrid {
    /** The shared identity's name; on Fabric, the community client identity after the meters'. */
    public static final String SHARED_IDENTITY = "microgrid";
    /** Coins one withdrawal or deposit carries at most. */
    public static final int MAX_BATCH = 100;

    private final LedgerProvider provider;
    private final int capacityA;
    private final int capacityB;
    private final EcoinSettings settings;
    private final SecureRandom random;
    private final EcoinClient operator;
    private final Ledger sharedLedger;
    private final EcoinClient shared;
    private final BlindRsaKeyPair keys;
    private final SubstationAgent substation;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private long period;

    /** A registered meter with its own identity's certificate hash. */
    record Member(MeterAgent agent, String certificateHash, boolean typeB) {
    }

    private EcoinMicrogrid(LedgerProvider provider, int capacityA, int capacityB, EcoinSettings settings,
                           SecureRandom random, EcoinClient operator, Ledger sharedLedger, BlindRsaKeyPair keys,
                           SubstationAgent substation) {
        this.provider = provider;
        this.capacityA = capacityA;
        this.capacityB = capacityB;
        this.settings = settings;
        this.random = random;
        this.operator = operator;
        this.sharedLedger = sharedLedger;
        this.shared = new EcoinClient(sharedLedger);
        this.keys = keys;
        this.substation = substation;
    }

    /**
     * Configures the contract for a microgrid of at most {@code capacityA} type A and {@code capacityB} type B
     * meters, with the day settings' piece, coin value, key length and seed.
     */
    public static EcoinMicrogrid configure(LedgerProvider provider, int capacityA, int capacityB, int slotMinutes,
                                           EcoinDaySettings s) throws LedgerException {
        SecureRandom random = seeded(s.seed());
        EcoinClient operator = new EcoinClient(provider.connectOperator());
        Ledger sharedLedger = provider.connectHome(capacityA + capacityB, SHARED_IDENTITY);
        BlindRsaKeyPair keys = BlindRsaKeyPair.generate(s.blindKeyBits(), random);
        SubstationAgent substation = new SubstationAgent(operator, keys, random);
        EcoinSettings settings = new EcoinSettings(keys.publicKey().encode(), sharedLedger.identity().mspId(),
                certificateHash(sharedLedger), s.pieceWatts(), slotMinutes, s.coinValueMicros(),
                slotMinutes * 60L, MAX_BATCH);
        substation.configure(settings);
        return new EcoinMicrogrid(provider, capacityA, capacityB, settings, random, operator, sharedLedger, keys,
                substation);
    }

    /** The meters of a day with {@code a} type A and {@code b} type B meters, registering those new to the grid. */
    List<Member> meters(int a, int b) throws LedgerException {
        if (a > capacityA || b > capacityB) {
            throw new IllegalArgumentException("a microgrid for " + capacityA + " A and " + capacityB
                    + " B meters cannot run " + a + " A and " + b + " B");
        }
        List<Member> day = new ArrayList<>();
        for (int i = 0; i < a + b; i++) {
            boolean typeB = i >= a;
            int k = typeB ? i - a + 1 : i + 1;
            String id = (typeB ? "meter-b" : "meter-a") + k;
            Member m = members.get(id);
            if (m == null) {
                Ledger own = provider.connectHome(typeB ? capacityA + k - 1 : k - 1, id);
                MeterAgent agent = new MeterAgent(id, new EcoinClient(own), shared, keys.publicKey(), random);
                agent.register();
                m = new Member(agent, certificateHash(own), typeB);
                members.put(id, m);
            }
            day.add(m);
        }
        return day;
    }

    /** Checks that a day's settings fit the configuration. */
    void requireFits(EcoinDaySettings s, int slotMinutes) {
        if (s.pieceWatts() != settings.pieceWatts() || s.coinValueMicros() != settings.coinValueMicros()
                || slotMinutes != settings.pieceMinutes()) {
            throw new IllegalArgumentException("the day's piece, coin value or slot differs from the configured "
                    + settings);
        }
    }

    /** The open billing period; the next after {@link #periodClosed()}. */
    long period() {
        return period;
    }

    /** Notes that the open period was closed. */
    void periodClosed() {
        period++;
    }

    EcoinClient operator() {
        return operator;
    }

    SubstationAgent substation() {
        return substation;
    }

    LedgerProvider provider() {
        return provider;
    }

    String sharedIdentity() {
        return certificateHash(sharedLedger);
    }

    static String certificateHash(Ledger ledger) {
        try {
            return new Creator(ledger.identity().mspId(), ledger.identity().certificate().getEncoded())
                    .certificateHash();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the identity's certificate cannot be encoded", e);
        }
    }

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA1PRNG is part of every JDK", e);
        }
    }
}
