package io.neighbourgrid.bench.attacks;

import io.neighbourgrid.crypto.paillier.Ciphertext;
import io.neighbourgrid.crypto.paillier.PaillierPublicKey;
import io.neighbourgrid.crypto.proof.ContributionStatement;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.ledger.ForwardingLedger;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.ledger.SubmitResult;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.protocol.ContractTransaction;
import io.neighbourgrid.protocol.ContributionRanges;
import io.neighbourgrid.protocol.Syntax;
import io.neighbourgrid.protocol.args.ContributionArgs;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.SelectedHomes;
import io.neighbourgrid.protocol.state.WindowView;
import io.neighbourgrid.sim.LedgerProvider;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A {@link LedgerProvider} whose home connections let one home cheat: the unmodified agents and simulator drive the
 * market, and the connection of the home chosen as the cheater rewrites or withholds its submissions as its
 * {@link Attack} says. The cheater is the first home, from window {@code from} on, that is in the position the
 * attack needs (a member that is not selected, r2, or r1); it stays the cheater for the rest of the run.
 */
final class Adversary implements LedgerProvider {
    private final LedgerProvider inner;
    private final Attack attack;
    private final long from;
    private final SecureRandom random = new SecureRandom();
    private volatile String cheater;
    private volatile long firstCheat = -1;

    Adversary(LedgerProvider inner, Attack attack, long from) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.attack = Objects.requireNonNull(attack, "attack");
        this.from = from;
    }

    /** The home that cheated, or null when no home was ever in the attack's position. */
    String cheater() {
        return cheater;
    }

    /** The first window the cheater cheated in, or -1. */
    long firstCheat() {
        return firstCheat;
    }

    @Override
    public String channel() {
        return inner.channel();
    }

    @Override
    public Ledger connectOperator() throws LedgerException {
        return inner.connectOperator();
    }

    @Override
    public Ledger connectHome(int index, String homeId) throws LedgerException {
        Ledger ledger = inner.connectHome(index, homeId);
        return new ForwardingLedger(ledger) {
            @Override
            public SubmitResult submit(String transaction, String... args) throws LedgerException {
                return ledger.submit(transaction, rewrite(ledger, homeId, transaction, args));
            }
        };
    }

    @Override
    public String describe() {
        return inner.describe() + " with a home that cheats (" + attack.label() + ")";
    }

    @Override
    public void close() {
        inner.close();
    }

    /** The arguments the home actually submits; throws where the cheater withholds a step. */
    private String[] rewrite(Ledger ledger, String homeId, String transaction, String[] args) throws LedgerException {
        if (args.length == 0) {
            return args;
        }
        long t;
        try {
            t = Syntax.parseWindow(args[0]);
        } catch (RuntimeException e) {
            return args;
        }
        if (t < from || (cheater != null && !cheater.equals(homeId))) {
            return args;
        }
        // A contribution goes out alone, or with the role declaration under the keys of the expected selection.
        boolean withRole = transaction.equals(ContractTransaction.DECLARE_AND_CONTRIBUTE.functionName());
        boolean contribution = withRole
                || transaction.equals(ContractTransaction.SUBMIT_CONTRIBUTION.functionName());
        boolean transfer = transaction.equals(ContractTransaction.POST_MASK_TRANSFER.functionName());
        boolean outcome = transaction.equals(ContractTransaction.POST_OUTCOME.functionName());
        if (attack.byInitiator() ? !transfer : attack.byResponder() ? !outcome : !contribution) {
            return args;
        }
        WindowView view = view(ledger, t);
        SelectedHomes s = withRole ? null : view.window().coalitions().selection();
        String responder = withRole ? args[2] : s.responder();
        String initiator = withRole ? args[3] : s.initiator();
        if (contribution && (homeId.equals(initiator) || homeId.equals(responder))) {
            return args;
        }
        synchronized (this) {
            if (cheater == null) {
                cheater = homeId;
                firstCheat = t;
            }
        }
        String[] out = args.clone();
        int json = withRole ? 4 : 1;
        switch (attack) {
            case OUT_OF_RANGE -> {
                Role role = withRole ? Syntax.parseRole(args[1])
                        : view.window().coalitions().sellers().contains(homeId) ? Role.SELLER : Role.BUYER;
                out[json] = outOfRange(view, role, key(ledger, responder), key(ledger, initiator), args[json]);
            }
            case INCONSISTENT_SHARES -> out[json] = otherMask(key(ledger, initiator), args[json]);
            case JUNK_TRANSFER -> out[2] = flipped(args[2]);
            case FORGED_OUTCOME -> out[1] = flipped(args[1]);
            case SILENT_INITIATOR, SILENT_RESPONDER -> throw new IllegalStateException("home " + homeId
                    + " withholds its " + transaction + " of window " + t);
            default -> throw new IllegalStateException("unknown attack " + attack);
        }
        return out;
    }

    /** The registered Paillier key of {@code homeId}. */
    private static PaillierPublicKey key(Ledger ledger, String homeId) throws LedgerException {
        byte[] json = ledger.evaluate(ContractTransaction.GET_HOME.functionName(), homeId);
        return PaillierPublicKey.fromBase64(CanonicalJson.fromJson(new String(json, StandardCharsets.UTF_8),
                HomeRecord.class).paillierKey());
    }

    private static WindowView view(Ledger ledger, long t) throws LedgerException {
        byte[] json = ledger.evaluate(ContractTransaction.GET_WINDOW_FOR_HOME.functionName(), Syntax.window(t), "");
        return CanonicalJson.fromJson(new String(json, StandardCharsets.UTF_8), WindowView.class);
    }

    /** The contribution with its slot values pushed 1000 times past their cap; the proof of the honest ones kept. */
    private String outOfRange(WindowView view, Role role, PaillierPublicKey r1, PaillierPublicKey r2, String json) {
        ContributionArgs honest = ContributionArgs.parse(json);
        ContributionRanges ranges = ContributionRanges.of(view.window().config());
        long[] spans = ranges.spansOf(role);
        long[] skewed = new long[ContributionRanges.SLOTS];
        int slot = role == Role.SELLER ? ContributionRanges.PREFERENCE : ContributionRanges.DEMAND;
        skewed[slot] = Math.multiplyExact(spans[slot] + 1, 1000);
        BigInteger mask = ContributionStatement.newMask(random);
        Ciphertext c = r1.encrypt(ContributionStatement.responderPlaintext(skewed, mask), random);
        Ciphertext d = r2.encrypt(ContributionStatement.initiatorPlaintext(mask), random);
        return new ContributionArgs(c.toBase64(), d.toBase64(), honest.proof()).toJson();
    }

    /** The contribution with r2's share replaced by the negation of another mask. */
    private String otherMask(PaillierPublicKey r2, String json) {
        ContributionArgs honest = ContributionArgs.parse(json);
        Ciphertext d = r2.encrypt(ContributionStatement.initiatorPlaintext(ContributionStatement.newMask(random)),
                random);
        return new ContributionArgs(honest.totalsForResponder(), d.toBase64(), honest.proof()).toJson();
    }

    /** A Base64 proof with one byte in its middle altered. */
    private static String flipped(String base64) {
        byte[] b = Base64.getDecoder().decode(base64);
        b[b.length / 2] ^= 0x10;
        return Base64.getEncoder().encodeToString(b);
    }

}
