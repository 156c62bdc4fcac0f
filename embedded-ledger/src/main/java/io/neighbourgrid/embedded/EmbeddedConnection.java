package io.neighbourgrid.embedded;

import io.neighbourgrid.ledger.Identity;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerEvent;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.ledger.LedgerSubscription;
import io.neighbourgrid.ledger.LedgerTraffic;
import io.neighbourgrid.ledger.SubmitResult;
import io.neighbourgrid.protocol.ContractException;
import io.neighbourgrid.protocol.contract.Creator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** A {@link Ledger} connection to an {@link EmbeddedLedger} as one identity. */
final class EmbeddedConnection implements Ledger {
    private final EmbeddedLedgerEngine engine;
    private final BlockCutter cutter;
    private final Identity identity;
    private final Creator creator;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final AtomicLong submissions = new AtomicLong();
    private final AtomicLong submittedBytes = new AtomicLong();
    private final AtomicLong evaluations = new AtomicLong();
    private final AtomicLong evaluatedBytes = new AtomicLong();
    private volatile boolean closed;

    EmbeddedConnection(EmbeddedLedgerEngine engine, BlockCutter cutter, Identity identity) {
        this.engine = engine;
        this.cutter = cutter;
        this.identity = identity;
        this.creator = identity.creator();
    }

    @Override
    public SubmitResult submit(String transaction, String... args) throws LedgerException {
        List<String> arguments = arguments(transaction, args);
        submissions.incrementAndGet();
        submittedBytes.addAndGet(LedgerTraffic.sizeOf(transaction, args));
        TxResult r;
        try {
            r = cutter.submit(creator, transaction, arguments);
        } catch (RuntimeException e) {
            throw translate(e);
        }
        if (!r.isValid()) {
            String code = r.validationCode().name();
            throw new LedgerException(code, code + ": transaction " + r.txId() + " (" + transaction
                    + ") was invalidated in block " + r.blockNumber(), null);
        }
        return new SubmitResult(r.txId(), r.blockNumber(), r.payload());
    }

    @Override
    public byte[] evaluate(String transaction, String... args) throws LedgerException {
        List<String> arguments = arguments(transaction, args);
        evaluations.incrementAndGet();
        evaluatedBytes.addAndGet(LedgerTraffic.sizeOf(transaction, args));
        try {
            return engine.evaluate(creator, transaction, arguments).payload();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    public LedgerSubscription subscribe(Consumer<LedgerEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        requireOpen();
        Subscription s = engine.subscribe(listener::accept);
        subscriptions.add(s);
        return () -> {
            s.close();
            subscriptions.remove(s);
        };
    }

    @Override
    public Identity identity() {
        return identity;
    }

    @Override
    public LedgerTraffic traffic() {
        return new LedgerTraffic(submissions.get(), submittedBytes.get(), evaluations.get(), evaluatedBytes.get());
    }

    @Override
    public void close() {
        closed = true;
        for (Subscription s : subscriptions) {
            s.close();
        }
        subscriptions.clear();
    }

    private List<String> arguments(String transaction, String[] args) {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(args, "args");
        requireOpen();
        requireWellFormed(transaction, "transaction name");
        for (String a : args) {
            requireWellFormed(Objects.requireNonNull(a, "argument"), "argument");
        }
        return List.of(args);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("connection of " + identity + " is closed");
        }
    }

    /** Arguments travel as UTF-8; a string that cannot be encoded would reach the contract altered. */
    private static void requireWellFormed(String s, String what) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (!new String(utf8, StandardCharsets.UTF_8).equals(s)) {
            throw new IllegalArgumentException(what + " is not well-formed Unicode");
        }
    }

    /**
     * Maps what the engine or the contract threw to the error a gateway client would see: the contract's
     * {@link ContractException} keeps its code; a closed or failed ledger is {@code UNAVAILABLE}; anything else is
     * parsed from its message like a gateway's error.
     */
    private static LedgerException translate(RuntimeException e) {
        if (e instanceof LedgerUnavailableException) {
            return new LedgerException(LedgerException.UNAVAILABLE, LedgerException.UNAVAILABLE + ": "
                    + e.getMessage(), e);
        }
        if (e instanceof ContractException ce) {
            return new LedgerException(ce.code().name(), ce.getMessage(), e);
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new LedgerException(message, e);
    }
}
