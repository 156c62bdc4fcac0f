package io.neighbourgrid.fabric;

import io.neighbourgrid.ledger.ForwardingLedger;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.ledger.SubmitResult;
import io.neighbourgrid.sim.LedgerProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A {@link LedgerProvider} whose connections run hooks before each submission and log every committed one: how
 * the tests inject faults at exact points of a window (a chaincode restart before the third contribution, a
 * tampered outcome before the honest one) while the unmodified agents and simulator drive the market.
 */
final class HookedLedgerProvider implements LedgerProvider {
    /** A submission about to be made: the connection it goes through, who makes it, and what it is. */
    record Call(Ledger ledger, String actor, String transaction, List<String> args) {
        /** The window the transaction is about (its first argument), or -1 when it has none. */
        long window() {
            if (args.isEmpty()) {
                return -1;
            }
            try {
                return Long.parseLong(args.get(0));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    /** A committed submission. */
    record Submitted(String actor, String transaction, List<String> args, String txId, long blockNumber) {
    }

    /** Runs before a submission; may submit or evaluate through {@link Call#ledger()} itself, or wait. */
    @FunctionalInterface
    interface Hook {
        void beforeSubmit(Call call) throws LedgerException;
    }

    /** An action of a hook. */
    @FunctionalInterface
    interface Action {
        void run(Call call) throws LedgerException;
    }

    private final LedgerProvider inner;
    private final List<Hook> hooks = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Submitted> submitted = new ConcurrentLinkedQueue<>();

    HookedLedgerProvider(LedgerProvider inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    /** A hook that runs {@code action} once, on the {@code nth} call (1-based) that satisfies {@code when}. */
    static Hook once(int nth, Predicate<Call> when, Action action) {
        AtomicInteger seen = new AtomicInteger();
        return call -> {
            if (when.test(call) && seen.incrementAndGet() == nth) {
                action.run(call);
            }
        };
    }

    void addHook(Hook hook) {
        hooks.add(Objects.requireNonNull(hook, "hook"));
    }

    void clearHooks() {
        hooks.clear();
    }

    /** Every committed submission so far, in the order the calls returned. */
    List<Submitted> submitted() {
        return new ArrayList<>(submitted);
    }

    @Override
    public String channel() {
        return inner.channel();
    }

    @Override
    public Ledger connectOperator() throws LedgerException {
        return new HookedLedger(inner.connectOperator(), "operator");
    }

    @Override
    public Ledger connectHome(int index, String homeId) throws LedgerException {
        return new HookedLedger(inner.connectHome(index, homeId), homeId);
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public void close() {
        inner.close();
    }

    private final class HookedLedger extends ForwardingLedger {
        private final String actor;

        HookedLedger(Ledger ledger, String actor) {
            super(ledger);
            this.actor = actor;
        }

        @Override
        public SubmitResult submit(String transaction, String... args) throws LedgerException {
            Call call = new Call(delegate(), actor, transaction, List.of(args));
            for (Hook hook : hooks) {
                hook.beforeSubmit(call);
            }
            SubmitResult result = delegate().submit(transaction, args);
            submitted.add(new Submitted(actor, transaction, List.of(args), result.txId(), result.blockNumber()));
            return result;
        }





    }
}
