package io.neighbourgrid.console;

import io.neighbourgrid.audit.AuditReport;
import io.neighbourgrid.audit.Finding;
import io.neighbourgrid.market.Clearing;
import io.neighbourgrid.protocol.state.Aggregation;
import io.neighbourgrid.protocol.state.Coalitions;
import io.neighbourgrid.protocol.state.GridOnlyReason;
import io.neighbourgrid.protocol.state.HomeRecord;
import io.neighbourgrid.protocol.state.MarketConfig;
import io.neighbourgrid.protocol.state.Outcome;
import io.neighbourgrid.protocol.state.Suspension;
import io.neighbourgrid.protocol.state.WindowPhase;
import io.neighbourgrid.protocol.state.WindowRecord;
import io.neighbourgrid.protocol.state.WindowView;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The records the console's JSON API returns, serialised by {@link io.neighbourgrid.json.CanonicalJson} (keys
 * sorted, absent values omitted, integers only: prices and energies in the units of
 * {@code io.neighbourgrid.market.Scales}, durations in milliseconds). Only public ledger data appears: phases,
 * coalition sizes and member ids, outcomes, suspensions; never a ciphertext, key or proof.
 */
public final class Views {
    private Views() {
    }

    /**
     * {@code GET /api/market}: the market configuration and the community's size.
     *
     * @param channel        the channel
     * @param ledger         what the console reads (for example "embedded (out/ledger)" or "fabric")
     * @param config         the configuration in force ({@code MARKET})
     * @param homes          registered homes
     * @param suspendedHomes homes currently suspended from selection
     */
    public record MarketInfo(String channel, String ledger, MarketConfig config, int homes, int suspendedHomes) {
    }

    /**
     * One window as the console lists it.
     *
     * @param window              the window index
     * @param phase               its phase
     * @param openedAt            the opening transaction's timestamp (ISO-8601, UTC)
     * @param clearing            how it ended; absent until decided
     * @param price               the market price in price units (10^-6 cent/kWh); absent unless the market ran
     * @param fillRatio           rho in units of 2^-40; absent unless the market ran
     * @param reason              why the window is grid only; absent otherwise
     * @param detail              the grid-only outcome's sentence
     * @param sellers             declared sellers, once the roles closed
     * @param buyers              declared buyers, once the roles closed
     * @param offMarket           homes off market, once the roles closed
     * @param contributingSellers sellers that contributed (the market's seller coalition), once contributions closed
     * @param contributingBuyers  buyers that contributed, once contributions closed
     * @param silentMembers       declared members that did not contribute, once contributions closed
     * @param initiator           the selected initiator r2, once the roles closed with a selection
     * @param responder           the selected responder r1, likewise
     * @param silentHomes         the selected homes whose silence ended the window (suspended)
     * @param decidedAt           the deciding transaction's timestamp
     * @param latencyMillis       open to decided, from the two transactions' timestamps
     * @param settled             whether the settlement record is written
     */
    public record WindowSummary(long window, WindowPhase phase, String openedAt, Clearing clearing, Long price,
                                Long fillRatio, GridOnlyReason reason, String detail,
                                Integer sellers, Integer buyers, Integer offMarket, Integer contributingSellers,
                                Integer contributingBuyers, Integer silentMembers, String initiator,
                                String responder, List<String> silentHomes, String decidedAt, Long latencyMillis,
                                boolean settled) {

        /** The summary of a window record. */
        public static WindowSummary of(WindowRecord w) {
            Coalitions c = w.coalitions();
            Aggregation a = w.aggregation();
            Outcome o = w.outcome();
            String initiator = c == null || c.selection() == null ? null : c.selection().initiator();
            String responder = c == null || c.selection() == null ? null : c.selection().responder();
            return new WindowSummary(w.window(), w.phase(), w.openedAt(),
                    o == null ? null : o.clearing(), o == null ? null : o.price(), o == null ? null : o.fillRatio(),
                    o == null ? null : o.reason(), o == null ? null : o.detail(),
                    c == null ? null : c.sellers().size(), c == null ? null : c.buyers().size(),
                    c == null ? null : c.offMarket().size(),
                    a == null ? null : a.sellers().size(), a == null ? null : a.buyers().size(),
                    a == null ? null : a.silentMembers().size(),
                    initiator, responder, o == null || o.silentHomes().isEmpty() ? null : o.silentHomes(),
                    o == null ? null : o.decidedAt(),
                    o == null ? null : Views.latencyMillis(w.openedAt(), o.decidedAt()),
                    w.phase() == WindowPhase.SETTLED);
        }

        /** Whether the window's outcome is decided (cleared, grid only or settled). */
        public boolean decided() {
            return clearing != null;
        }
    }

    /**
     * {@code GET /api/windows?recent=N}: the most recent windows, newest first.
     *
     * @param latest  the highest window the console knows of; absent when none is open yet
     * @param windows up to N windows, newest first
     */
    public record WindowList(Long latest, List<WindowSummary> windows) {
    }

    /**
     * {@code GET /api/windows/{t}}: one window with its coalitions' members and its deadlines.
     *
     * @param summary               as listed
     * @param rolesDeadline         when the role phase ends
     * @param contributionsDeadline when the contribution phase ends, once the roles closed with a selection
     * @param transferDeadline      when r2's mask transfer must be posted, once the contributions closed
     * @param outcomeDeadline       when r1's proven outcome must be posted, likewise
     * @param masksTransferred      whether r2's mask transfer is on the ledger
     * @param excludedMembers       members excluded by an upheld claim against their contribution proof
     * @param declarations          role declarations recorded (the count; who declared what is in the coalitions)
     * @param sellers               the declared sellers, once the roles closed
     * @param buyers                the declared buyers
     * @param offMarket             the homes off market
     * @param silentMembers         members that did not contribute
     * @param settledAt             the settlement's timestamp, once settled
     */
    public record WindowDetail(WindowSummary summary, String rolesDeadline, String contributionsDeadline,
                               String transferDeadline, String outcomeDeadline, boolean masksTransferred,
                               List<String> excludedMembers, int declarations, List<String> sellers,
                               List<String> buyers, List<String> offMarket, List<String> silentMembers,
                               String settledAt) {

        /** The detail of a window as {@code getWindowForHome(t, "")} returns it. */
        public static WindowDetail of(WindowView view) {
            WindowRecord w = view.window();
            Coalitions c = w.coalitions();
            Aggregation a = w.aggregation();
            return new WindowDetail(WindowSummary.of(w), w.rolesDeadline(),
                    c == null ? null : c.contributionsDeadline(),
                    a == null ? null : a.transferDeadline(), a == null ? null : a.outcomeDeadline(),
                    w.packedTotals() != null, a == null ? List.of() : a.excludedMembers(), view.declarations().size(),
                    c == null ? null : c.sellers(), c == null ? null : c.buyers(), c == null ? null : c.offMarket(),
                    a == null ? null : a.silentMembers(),
                    view.settlement() == null ? null : view.settlement().settledAt());
        }
    }

    /**
     * {@code GET /api/status}: what the page's header shows, refreshed every poll.
     *
     * @param channel    the channel
     * @param ledger     what the console reads
     * @param current    the most recently opened window (the highest index); absent before the first window
     * @param open       indices of known windows that are not settled yet, ascending
     * @param latest     the highest known window
     * @param checkedAt  when the console last read the ledger (ISO-8601, UTC)
     * @param simulation progress of the simulated day the console runs inside, when it does
     * @param lastError  the last failure reading the ledger, if the latest attempt failed
     */
    public record Status(String channel, String ledger, WindowSummary current, List<Long> open, Long latest,
                         String checkedAt, Simulation simulation, String lastError) {
    }

    /**
     * Progress of the simulated day a console was started inside.
     *
     * @param stage       the last set-up stage or progress message
     * @param windowsDone windows the simulator finished
     * @param windows     windows it runs
     * @param errors      failures the homes and the operator reported
     */
    public record Simulation(String stage, int windowsDone, int windows, int errors) {
    }

    /**
     * One suspended home.
     *
     * @param homeId      the home
     * @param window      the window whose outcome suspended it
     * @param reason      that outcome's reason
     * @param suspendedAt when
     * @param txId        the deciding transaction
     */
    public record SuspendedHome(String homeId, long window, GridOnlyReason reason, String suspendedAt, String txId) {

        /** The suspension of a home record, which must have one. */
        public static SuspendedHome of(HomeRecord h) {
            Suspension s = h.suspension();
            return new SuspendedHome(h.homeId(), s.window(), s.reason(), s.suspendedAt(), s.txId());
        }
    }

    /**
     * {@code GET /api/homes/suspended}.
     *
     * @param homes     registered homes
     * @param suspended the suspended ones, sorted by home id
     */
    public record SuspendedHomes(int homes, List<SuspendedHome> suspended) {
    }

    /**
     * {@code GET /api/homes}: one registered home.
     *
     * @param homeId         the home
     * @param mspId          its identity's organisation
     * @param keyFingerprint its Paillier key's fingerprint
     * @param keyBits        the key's size
     * @param registeredAt   when it registered
     * @param suspended      whether it is suspended from selection
     */
    public record HomeSummary(String homeId, String mspId, String keyFingerprint, int keyBits, String registeredAt,
                              boolean suspended) {

        /** The summary of a home record. */
        public static HomeSummary of(HomeRecord h) {
            return new HomeSummary(h.homeId(), h.mspId(), h.keyFingerprint(), h.keyBits(), h.registeredAt(),
                    h.suspended());
        }
    }

    /**
     * {@code GET /api/audit/{t}}: the {@link io.neighbourgrid.audit.Auditor}'s report of a window.
     *
     * @param window       the window
     * @param subject      the report's subject
     * @param verdict      {@code PASS} or {@code FAIL}
     * @param passed       whether every check held
     * @param passes       lines that passed
     * @param failures     lines that failed
     * @param notes        lines that are notes
     * @param firstFailure the first failing line, if any
     * @param evidenceHash the report's evidence hash
     * @param chain        what chain evidence the audit had
     * @param findings     every line, in order
     * @param tookMillis   how long the audit took
     */
    public record AuditView(long window, String subject, String verdict, boolean passed, int passes, int failures,
                            int notes, Finding firstFailure, String evidenceHash, String chain,
                            List<Finding> findings, long tookMillis) {

        /** The view of a report. */
        public static AuditView of(long window, AuditReport report, String chain, long tookMillis) {
            List<Finding> findings = report.findings();
            return new AuditView(window, report.subject(), report.verdict(), report.passed(),
                    count(findings, Finding.Status.PASS), count(findings, Finding.Status.FAIL),
                    count(findings, Finding.Status.NOTE), report.firstFailure().orElse(null),
                    report.evidenceHash(), chain, findings, tookMillis);
        }

        private static int count(List<Finding> findings, Finding.Status status) {
            return (int) findings.stream().filter(f -> f.status() == status).count();
        }
    }

    /**
     * An error answer.
     *
     * @param error what went wrong
     * @param code  the ledger's or contract's error code, when there is one
     */
    public record ApiError(String error, String code) {
    }

    /** Milliseconds between two ISO-8601 timestamps, or {@code null} when either is missing or unreadable. */
    static Long latencyMillis(String from, String to) {
        if (from == null || to == null) {
            return null;
        }
        try {
            return Duration.between(Instant.parse(from), Instant.parse(to)).toMillis();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
