package io.neighbourgrid.agent;

import com.google.gson.reflect.TypeToken;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.ledger.SubmitResult;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.KeyProofRecord;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.protocol.state.WindowView;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Typed calls of the market contract over one {@link Ledger} connection: the transaction names, argument formats
 * and result types of {@code docs/protocol.md} in one place, so agents, the simulator, the CLI and tests never
 * spell a transaction by hand.
 */
public final class MarketClient {
    private final Ledger ledger;
    private final String channel;

    /**
     * @param ledger  the connection, signing as the caller's identity
     * @param channel the channel name, bound into proof contexts
     */
    public MarketClient(Ledger ledger, String channel) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    /** The underlying connection. */
    public Ledger ledger() {
        return ledger;
    }

    /** The channel name. */
    public String channel() {
        return channel;
    }

    /** The market configuration. */
    public MarketConfig market() throws LedgerException {
        return parse(ledger.evaluate("getMarket"), MarketConfig.class);
    }

    /** A registered home, or empty when the home id is not registered. */
    public Optional<HomeRecord> home(String homeId) throws LedgerException {
        try {
            return Optional.of(parse(ledger.evaluate("getHome", homeId), HomeRecord.class));
        } catch (LedgerException e) {
            if (e.is(ErrorCode.UNKNOWN_HOME)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The key-correctness proof a home registered with. */
    public KeyProofRecord keyProof(String homeId) throws LedgerException {
        return parse(ledger.evaluate("getKeyProof", homeId), KeyProofRecord.class);
    }

    /** Every registered home, sorted by home id. */
    public List<HomeRecord> homes() throws LedgerException {
        String json = new String(ledger.evaluate("listHomes"), StandardCharsets.UTF_8);
        return CanonicalJson.fromJson(json, new TypeToken<List<HomeRecord>>() { }.getType());
    }

    /** Everything the ledger holds about window {@code t}, or empty when it was never opened. */
    public Optional<WindowView> window(long t) throws LedgerException {
        try {
            return Optional.of(parse(ledger.evaluate("getWindow", Long.toString(t)), WindowView.class));
        } catch (LedgerException e) {
            if (e.is(ErrorCode.UNKNOWN_WINDOW)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Window {@code t} with only {@code homeId}'s own declaration and contribution (or none, for an empty home id):
     * what a home controller or the operator polls, a few kilobytes whatever the community's size.
     */
    public Optional<WindowView> windowFor(long t, String homeId) throws LedgerException {
        try {
            return Optional.of(parse(ledger.evaluate("getWindowForHome", Long.toString(t), homeId), WindowView.class));
        } catch (LedgerException e) {
            if (e.is(ErrorCode.UNKNOWN_WINDOW)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Window {@code t} without any home's declaration or contribution. */
    public Optional<WindowView> windowStatus(long t) throws LedgerException {
        return windowFor(t, "");
    }

    /** The history of a state key ({@code TYPE/attribute/...}), as canonical JSON. */
    public String history(String key) throws LedgerException {
        return new String(ledger.evaluate("getHistory", key), StandardCharsets.UTF_8);
    }

    public SubmitResult configureMarket(MarketConfig config) throws LedgerException {
        return ledger.submit("configureMarket", CanonicalJson.toJson(config));
    }

    public SubmitResult registerHome(String homeId, String paillierKeyBase64, String keyProofBase64)
            throws LedgerException {
        return ledger.submit("registerHome", homeId, paillierKeyBase64, keyProofBase64);
    }

    public SubmitResult resumeHome() throws LedgerException {
        return ledger.submit("resumeHome");
    }

    public SubmitResult openWindow(long t) throws LedgerException {
        return ledger.submit("openWindow", Long.toString(t));
    }

    public SubmitResult declareRole(long t, Role role) throws LedgerException {
        return ledger.submit("declareRole", Long.toString(t), role.name());
    }

    public SubmitResult closeRoles(long t) throws LedgerException {
        return ledger.submit("closeRoles", Long.toString(t));
    }

    public SubmitResult submitContribution(long t, String contributionJson) throws LedgerException {
        return ledger.submit("submitContribution", Long.toString(t), contributionJson);
    }

    public SubmitResult closeContributions(long t) throws LedgerException {
        return ledger.submit("closeContributions", Long.toString(t));
    }

    public SubmitResult postComparisonMessage(long t, int step, String messageBase64) throws LedgerException {
        return ledger.submit("postComparisonMessage", Long.toString(t), Integer.toString(step), messageBase64);
    }

    public SubmitResult postDecryption(long t, String decryptionJson) throws LedgerException {
        return ledger.submit("postDecryption", Long.toString(t), decryptionJson);
    }

    /** Comparison message {@code step} with, unless {@code decryptionJson} is empty, the caller's decryption. */
    public SubmitResult postEvaluationStep(long t, int step, String messageBase64, String decryptionJson)
            throws LedgerException {
        return ledger.submit("postEvaluationStep", Long.toString(t), Integer.toString(step), messageBase64,
                decryptionJson);
    }

    public SubmitResult settleWindow(long t) throws LedgerException {
        return ledger.submit("settleWindow", Long.toString(t));
    }

    public SubmitResult expireWindow(long t) throws LedgerException {
        return ledger.submit("expireWindow", Long.toString(t));
    }

    private static <T> T parse(byte[] payload, Class<T> type) {
        return CanonicalJson.fromJson(new String(payload, StandardCharsets.UTF_8), type);
    }
}
