package io.neighbourgrid.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neighbourgrid.crypto.ProofContext;
import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierKeyPair;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.paillier.Randomizer;
import io.neighbourgrid.crypto.proof.ContributionProof;
import io.neighbourgrid.crypto.proof.ContributionStatement;
import io.neighbourgrid.crypto.proof.DecryptionProof;
import io.neighbourgrid.crypto.proof.MaskTransfer;
import io.neighbourgrid.crypto.proof.OutcomeProof;
import io.neighbourgrid.crypto.proof.RingPedersenParameters;
import io.neighbourgrid.embedded.EmbeddedLedgerEngine;
import io.neighbourgrid.embedded.TxResult;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.market.HomeInput;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.market.Scales;
import io.neighbourgrid.protocol.ContractException;
import io.neighbourgrid.protocol.ContributionRanges;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.MarketProofs;
import io.neighbourgrid.protocol.ProofContexts;
import io.neighbourgrid.protocol.args.ContributionArgs;
import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.state.ContributionKeys;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.protocol.state.SelectedHomes;
import io.neighbourgrid.protocol.state.WindowRecord;
import io.neighbourgrid.protocol.state.WindowView;
import io.neighbourgrid.testing.TestClocks;
import io.neighbourgrid.testing.TestIdentities;
import io.neighbourgrid.testing.TestKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.function.Executable;

/**
 * One market on an in-memory {@link EmbeddedLedgerEngine} running the real contract, with a controllable clock,
 * test identities and homes that play their side of the protocol with real cryptography (small keys).
 */
public final class MarketHarness {
    static final String CHANNEL = "neighbourgrid-test";
    static final String OPERATOR_MSP = "OperatorMSP";
    static final String COMMUNITY_MSP = "CommunityMSP";
    /** The smallest usual key size at or above {@link MarketConfig#MIN_KEY_BITS}: fast, and carries the totals. */
    static final int KEY_BITS = 1024;
    static final Instant START = Instant.parse("2026-03-02T07:00:00Z");
    static final long PHASE_SECONDS = 30;
    static final SecureRandom RANDOM = new SecureRandom();

    /** Index offset of the keys apart from the pool ({@link #largeKey}), so they never coincide with a pooled key. */
    private static final int APART = 1000;

    final TestClocks.Manual clock = new TestClocks.Manual(START);
    final EmbeddedLedgerEngine engine;
    final Creator operator = identity(OPERATOR_MSP, "operator");
    final Creator outsider = identity("AuditorMSP", "auditor");
    final Map<String, TestHome> homes = new TreeMap<>();
    /** Every transaction committed through {@link #submit}, in order. */
    final List<TxResult> committed = new ArrayList<>();
    private final int keyBits;
    private final long epochWindows;
    private int nextKey;

    MarketHarness() {
        this(KEY_BITS);
    }

    MarketHarness(int keyBits) {
        this(keyBits, MarketConfig.DEFAULT_SELECTION_EPOCH_WINDOWS);
    }

    MarketHarness(int keyBits, long epochWindows) {
        this.keyBits = keyBits;
        this.epochWindows = epochWindows;
        this.engine = EmbeddedLedgerEngine.inMemory(CHANNEL, clock,
                MarketTransactions.of(OPERATOR_MSP, List.of(COMMUNITY_MSP)));
    }

    /** A home of the community with its identity, key pair and private inputs. */
    static final class TestHome {
        final String id;
        final Creator creator;
        final PaillierKeyPair keys;
        HomeInput input;

        TestHome(String id, Creator creator, PaillierKeyPair keys) {
            this.id = id;
            this.creator = creator;
            this.keys = keys;
        }

        PaillierPublicKey publicKey() {
            return keys.publicKey();
        }
    }

    /** A clock the test moves by hand. */
    public static Creator identity(String mspId, String name) {
        return TestIdentities.creator(mspId, name);
    }

    static MarketConfig config() {
        return config(KEY_BITS);
    }

    static MarketConfig config(int keyBits) {
        return config(keyBits, MarketConfig.DEFAULT_SELECTION_EPOCH_WINDOWS);
    }

    static MarketConfig config(int keyBits, long epochWindows) {
        return new MarketConfig(120 * Scales.PRICE, 80 * Scales.PRICE, 90 * Scales.PRICE, 110 * Scales.PRICE, 60, 2,
                keyBits, PHASE_SECONDS, PHASE_SECONDS, PHASE_SECONDS, PHASE_SECONDS, epochWindows,
                MarketConfig.DEFAULT_MAX_ENERGY_PER_WINDOW, MarketConfig.DEFAULT_MIN_PREFERENCE,
                MarketConfig.DEFAULT_MAX_PREFERENCE);
    }

    static PaillierKeyPair pooledKey(int index) {
        return TestKeys.paillier(KEY_BITS, index);
    }

    static PaillierKeyPair largeKey(int bits, int index) {
        return TestKeys.paillier(bits, APART + index);
    }

    // ------------------------------------------------------------------ ledger access

    TxResult submit(Creator creator, String function, String... args) {
        TxResult r = engine.submit(creator, function, List.of(args));
        assertTrue(r.isValid(), function + " committed as " + r.validationCode());
        committed.add(r);
        return r;
    }

    String query(String function, String... args) {
        return new String(engine.evaluate(operator, function, List.of(args)).payload(), StandardCharsets.UTF_8);
    }

    /** Asserts that the transaction is rejected with {@code code}, the code leading the message. */
    ContractException rejects(ErrorCode code, Creator creator, String function, String... args) {
        return assertRejected(code, () -> engine.submit(creator, function, List.of(args)));
    }

    public static ContractException assertRejected(ErrorCode code, Executable call) {
        ContractException e = assertThrows(ContractException.class, call);
        assertEquals(code, e.code(), "expected " + code + " but got: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(code.name() + ": "), "expected " + code + " but got: " + e.getMessage());
        return e;
    }

    /** The payload of a transaction's event, as text. */
    static String payload(TxResult r) {
        return new String(r.event().payload(), StandardCharsets.UTF_8);
    }

    /** A member of window {@code t} other than the selected homes, of the given role. */
    String unselected(long t, Role role) {
        SelectedHomes s = selection(t);
        WindowRecord w = window(t);
        List<String> candidates = role == Role.SELLER ? w.coalitions().sellers() : w.coalitions().buyers();
        for (String id : candidates) {
            if (!List.of(s.responder(), s.initiator()).contains(id)) {
                return id;
            }
        }
        throw new AssertionError("every " + role + " is selected");
    }

    /** A community home whose client dated its proposal past the deadline. */
    Creator forwardDatingHome() {
        return home("b1").creator;
    }

    String state(String key) {
        byte[] value = engine.getState(key);
        assertNotNull(value, "no state under " + key);
        return new String(value, StandardCharsets.UTF_8);
    }

    /** Whether anything is stored under {@code key}. */
    boolean hasState(String key) {
        return engine.getState(key) != null;
    }

    WindowView view(long t) {
        return CanonicalJson.fromJson(query("getWindow", Long.toString(t)), WindowView.class);
    }

    WindowRecord window(long t) {
        return view(t).window();
    }

    // ------------------------------------------------------------------ set-up steps

    /** Configures the market and registers the proof parameters, as the operator's agent does. */
    void configure() {
        configureWithoutProofParameters();
        registerProofParameters();
    }

    /** Configures the market only: homes cannot register yet. */
    void configureWithoutProofParameters() {
        submit(operator, "configureMarket", CanonicalJson.toJson(config(keyBits, epochWindows)));
    }

    /** Registers the tests' ring-Pedersen proof parameters with their proof for this channel. */
    void registerProofParameters() {
        submit(operator, "registerProofParameters", TestKeys.proofParameters().toBase64(),
                TestKeys.proofParametersProof(CHANNEL));
    }

    TestHome home(String id) {
        TestHome h = homes.get(id);
        assertNotNull(h, "no test home " + id);
        return h;
    }

    /** Registers a home with the next pooled key and a valid key-correctness proof. */
    TestHome register(String id) {
        PaillierKeyPair keys = keyBits == KEY_BITS ? pooledKey(nextKey++) : largeKey(keyBits, nextKey++);
        TestHome h = new TestHome(id, identity(COMMUNITY_MSP, id), keys);
        submit(h.creator, "registerHome", id, keys.publicKey().toBase64(), keyProof(keys, id),
                factorProof(keys, id));
        homes.put(id, h);
        return h;
    }

    /** A key-correctness proof for registering {@code homeId}; proofs are remembered, as keys are pooled. */
    static String keyProof(PaillierKeyPair keys, String homeId) {
        return TestKeys.keyProof(keys, ProofContexts.registration(CHANNEL, homeId));
    }

    /** A no-small-factor proof for registering {@code homeId}, against the tests' proof parameters. */
    static String factorProof(PaillierKeyPair keys, String homeId) {
        return TestKeys.factorProof(keys, ProofContexts.registration(CHANNEL, homeId));
    }

    /** Registers homes with inputs: sellers {@code s*}, buyers {@code b*} and off-market homes {@code o*}. */
    void registerWithInputs(Map<String, HomeInput> inputs) {
        for (Map.Entry<String, HomeInput> e : inputs.entrySet()) {
            register(e.getKey()).input = e.getValue();
        }
    }

    /** Gives each registered home its input for the windows to come (homes keep their ids). */
    void assignInputs(Map<String, HomeInput> inputs) {
        for (Map.Entry<String, HomeInput> e : inputs.entrySet()) {
            home(e.getKey()).input = e.getValue();
        }
    }

    /** The inputs with those of homes {@code a} and {@code b} exchanged, each keeping its own id. */
    static Map<String, HomeInput> swapped(Map<String, HomeInput> inputs, String a, String b) {
        Map<String, HomeInput> out = new TreeMap<>(inputs);
        out.put(a, renamed(inputs.get(b), a));
        out.put(b, renamed(inputs.get(a), b));
        return out;
    }

    static HomeInput renamed(HomeInput in, String id) {
        return new HomeInput(id, in.generation(), in.load(), in.battery(), in.preference(), in.epsilon());
    }

    /** Three sellers with 1.5 + 2.0 + 2.5 kWh, three buyers with 3 + 2.5 + 4 kWh and one home off market. */
    static Map<String, HomeInput> generalMarket() {
        Map<String, HomeInput> m = new TreeMap<>();
        m.put("s1", seller("s1", 4.0, 2.5, 0.0, 20));
        m.put("s2", seller("s2", 5.0, 2.5, 0.5, 40));
        m.put("s3", seller("s3", 6.0, 3.0, 0.5, 20));
        m.put("b1", buyer("b1", 3.0));
        m.put("b2", buyer("b2", 2.5));
        m.put("b3", buyer("b3", 4.0));
        m.put("o1", new HomeInput("o1", kwh(2.0), kwh(2.0), 0, 20 * Scales.PREFERENCE, 900_000));
        return m;
    }

    /** Supply above demand: two sellers with 5 + 4 kWh, two buyers with 1 + 2 kWh. */
    static Map<String, HomeInput> extremeMarket() {
        Map<String, HomeInput> m = new TreeMap<>();
        m.put("s1", seller("s1", 7.0, 2.0, 0.0, 20));
        m.put("s2", seller("s2", 6.0, 1.5, 0.5, 40));
        m.put("b1", buyer("b1", 1.0));
        m.put("b2", buyer("b2", 2.0));
        return m;
    }

    static HomeInput seller(String id, double g, double l, double b, long k) {
        return new HomeInput(id, kwh(g), kwh(l), kwh(b), k * Scales.PREFERENCE, 900_000);
    }

    static HomeInput buyer(String id, double need) {
        return new HomeInput(id, kwh(0.5), kwh(0.5 + need), 0, 20 * Scales.PREFERENCE, 900_000);
    }

    static long kwh(double kwh) {
        return Math.round(kwh * Scales.ENERGY);
    }

    void openWindow(long t) {
        submit(operator, "openWindow", Long.toString(t));
    }

    /** Every home with an input declares the role of its net energy. */
    void declareAll(long t) {
        for (TestHome h : homes.values()) {
            if (h.input != null) {
                submit(h.creator, "declareRole", Long.toString(t), h.input.role().name());
            }
        }
    }

    /** Configures, registers the homes, opens {@code t}, declares every role and closes the roles. */
    void throughRoles(long t, Map<String, HomeInput> inputs) {
        configure();
        registerWithInputs(inputs);
        openWindow(t);
        declareAll(t);
        submit(operator, "closeRoles", Long.toString(t));
    }

    /**
     * Configures and registers the homes of {@code inputs}, then hands the inputs out so that the two best-ranked
     * homes of window {@code t} get inputs of the given roles (exchanging inputs between homes), opens {@code t},
     * declares every role and closes the roles.
     *
     * @return the inputs as assigned
     */
    Map<String, HomeInput> throughRolesSelecting(long t, Map<String, HomeInput> inputs, Role initiatorRole,
                                                 Role responderRole) {
        configure();
        inputs.keySet().forEach(this::register);
        List<String> ranked = ranking(t);
        Map<String, HomeInput> arranged = arranged(inputs, ranked.get(0), initiatorRole, List.of());
        arranged = arranged(arranged, ranked.get(1), responderRole, List.of(ranked.get(0)));
        assignInputs(arranged);
        rolesOf(t);
        return arranged;
    }

    /** The inputs with {@code home} holding one of role {@code role}, taken from a home not in {@code fixed}. */
    private static Map<String, HomeInput> arranged(Map<String, HomeInput> inputs, String home, Role role,
                                                   List<String> fixed) {
        if (inputs.get(home).role() == role) {
            return inputs;
        }
        for (Map.Entry<String, HomeInput> e : inputs.entrySet()) {
            if (!e.getKey().equals(home) && !fixed.contains(e.getKey()) && e.getValue().role() == role) {
                return swapped(inputs, home, e.getKey());
            }
        }
        throw new AssertionError("no other home has an input of role " + role);
    }

    /** {@link #throughRoles} and every member's contribution. */
    void throughContributions(long t, Map<String, HomeInput> inputs) {
        throughRoles(t, inputs);
        contributeAll(t);
        submit(operator, "closeContributions", Long.toString(t));
    }

    SelectedHomes selection(long t) {
        return window(t).coalitions().selection();
    }

    HomeRecord homeRecord(String id) {
        return CanonicalJson.fromJson(query("getHome", id), HomeRecord.class);
    }

    /** Window {@code t}'s selection ranking as a client computes it from {@code listHomes}. */
    List<String> ranking(long t) {
        HomeRecord[] registered = CanonicalJson.fromJson(query("listHomes"), HomeRecord[].class);
        return SelectedHomes.ranking(CHANNEL, t, epochWindows, List.of(registered));
    }

    void closeRoles(long t) {
        submit(operator, "closeRoles", Long.toString(t));
    }

    void closeContributions(long t) {
        submit(operator, "closeContributions", Long.toString(t));
    }

    void contributeAll(long t) {
        for (String id : members(t)) {
            submit(home(id).creator, "submitContribution", Long.toString(t), contribution(t, id));
        }
    }

    List<String> members(long t) {
        WindowRecord w = window(t);
        List<String> out = new ArrayList<>(w.coalitions().sellers());
        out.addAll(w.coalitions().buyers());
        return out;
    }

    /** The contribution JSON of member {@code id} in window {@code t} (PEM Protocols 2 and 3). */
    String contribution(long t, String id) {
        return contributionArgs(t, id).toJson();
    }

    /** The contribution of member {@code id} in window {@code t}, as the home agent writes it. */
    ContributionArgs contributionArgs(long t, String id) {
        return contributionArgs(t, id, slots(t, id), ContributionStatement.newMask(RANDOM), null);
    }

    /** The slot values of member {@code id}'s honest contribution to window {@code t}. */
    private long[] slots(long t, String id) {
        HomeInput in = home(id).input;
        ContributionRanges ranges = ContributionRanges.of(window(t).config());
        return in.role() == Role.SELLER
                ? ranges.sellerSlots(in.netEnergy(), in.preference(), in.pricingTerm())
                : ranges.buyerSlots(-in.netEnergy());
    }

    /**
     * A contribution of member {@code id} in window {@code t} with the given slot values and mask. When
     * {@code provenSlots} is not null the member lies: it proves an honest contribution of those values and posts,
     * with that proof, a ciphertext of {@code slots} in place of the proven one.
     */
    ContributionArgs contributionArgs(long t, String id, long[] slots, BigInteger mask, long[] provenSlots) {
        return contributionArgs(t, id, ContributionKeys.of(selection(t)), slots, mask, provenSlots);
    }

    /**
     * The honest contribution of member {@code id} in window {@code t} under the keys of the homes {@code keys}
     * names, as {@code declareAndContribute} takes it (before the roles close).
     */
    String contributionUnder(long t, String id, ContributionKeys keys) {
        return contributionArgs(t, id, keys, slots(t, id), ContributionStatement.newMask(RANDOM), null).toJson();
    }

    private ContributionArgs contributionArgs(long t, String id, ContributionKeys keys, long[] slots,
                                              BigInteger mask, long[] provenSlots) {
        Role role = home(id).input.role();
        PaillierPublicKey r1 = home(keys.responder()).publicKey();
        PaillierPublicKey r2 = home(keys.initiator()).publicKey();
        Randomizer forR1 = r1.newRandomizer(RANDOM);
        Randomizer forR2 = r2.newRandomizer(RANDOM);
        long[] proven = provenSlots == null ? slots : provenSlots;
        Ciphertext c = r1.encrypt(ContributionStatement.responderPlaintext(proven, mask), forR1);
        Ciphertext d = r2.encrypt(ContributionStatement.initiatorPlaintext(mask), forR2);
        ContributionStatement statement = MarketProofs.contributionStatement(window(t).config(), role, r1, r2,
                TestKeys.proofParameters(), c, d);
        ContributionProof proof = ContributionProof.prove(statement, proven, mask, forR1.root(), forR2.root(),
                ProofContexts.contribution(CHANNEL, t, id), RANDOM);
        Ciphertext posted = provenSlots == null ? c
                : r1.encrypt(ContributionStatement.responderPlaintext(slots, mask), r1.newRandomizer(RANDOM));
        return new ContributionArgs(posted.toBase64(), d.toBase64(), proof.toBase64());
    }

    /** The plaintext of an aggregate, decrypted with the private key of the home that holds it. */
    BigInteger decryptAggregate(String holder, String base64) {
        TestHome h = home(holder);
        return h.keys.privateKey().decrypt(h.publicKey().ciphertextFromBase64(base64));
    }

    static RingPedersenParameters parameters() {
        return TestKeys.proofParameters();
    }

    /** r2's mask transfer of window {@code t}, proven in its context. */
    MaskTransfer maskTransfer(long t) {
        SelectedHomes s = selection(t);
        TestHome r2 = home(s.initiator());
        Ciphertext masks = r2.publicKey().ciphertextFromBase64(window(t).aggregation().aggregates()
                .totalsForInitiator());
        return MarketProofs.transferMasks(r2.keys.privateKey(), masks, home(s.responder()).publicKey(), parameters(),
                ProofContexts.maskTransfer(CHANNEL, t, s.initiator()), RANDOM);
    }

    TxResult postMaskTransfer(long t) {
        MaskTransfer m = maskTransfer(t);
        return submit(home(selection(t).initiator()).creator, "postMaskTransfer", Long.toString(t),
                m.reencrypted().toBase64(), m.proof().toBase64());
    }

    /** r1's outcome bundle of window {@code t}, proven in its context. */
    OutcomeProof outcomeProof(long t) {
        WindowRecord w = window(t);
        TestHome r1 = home(w.coalitions().selection().responder());
        return MarketProofs.proveOutcome(r1.keys.privateKey(), r1.publicKey().ciphertextFromBase64(w.packedTotals()),
                w.config(), w.aggregation().sellers().size(), w.aggregation().buyers().size(), parameters(),
                ProofContexts.outcome(CHANNEL, t, r1.id), RANDOM);
    }

    TxResult postOutcome(long t) {
        return submit(home(selection(t).responder()).creator, "postOutcome", Long.toString(t),
                outcomeProof(t).toBase64());
    }

    /** r2's mask transfer, then r1's outcome. */
    void runEvaluation(long t) {
        postMaskTransfer(t);
        postOutcome(t);
    }

    /** Opens window {@code t} for the registered homes, declares every role and closes the roles. */
    void rolesOf(long t) {
        openWindow(t);
        declareAll(t);
        closeRoles(t);
    }

    /** Runs window {@code t} for the registered homes from opening to settlement. */
    void runWindow(long t) {
        rolesOf(t);
        contributeAll(t);
        closeContributions(t);
        runEvaluation(t);
        submit(operator, "settleWindow", Long.toString(t));
    }

    /** Runs window {@code t} from configuration to settlement. */
    void fullWindow(long t, Map<String, HomeInput> inputs) {
        throughContributions(t, inputs);
        runEvaluation(t);
        submit(operator, "settleWindow", Long.toString(t));
    }

}
