package io.neighbourgrid.embedded;

import io.neighbourgrid.protocol.contract.Creator;
import io.neighbourgrid.protocol.contract.TransactionHandler;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The endorsement step: checks the creator against the channel's membership at the transaction timestamp, derives
 * the transaction id from a fresh nonce and the creator, and runs the contract on committed state under the state
 * read lock, recording the read-write set and event. Simulations run concurrently with each other.
 */
final class Endorser {
    private final String channelId;
    private final Clock clock;
    private final TransactionHandler handler;
    private final CommittedState committed;
    private final SecureRandom nonces = new SecureRandom();

    Endorser(String channelId, Clock clock, TransactionHandler handler, CommittedState committed) {
        this.channelId = channelId;
        this.clock = clock;
        this.handler = handler;
        this.committed = committed;
    }

    /**
     * Simulates one transaction; the caller has checked its arguments and that the ledger is open.
     *
     * @param engine    the engine the prepared transaction belongs to
     * @param arguments the arguments, an immutable copy
     * @throws CreatorRejectedException when the creator is not accepted by the channel's membership
     * @throws RuntimeException         whatever the contract threw
     */
    PreparedTx simulate(EmbeddedLedgerEngine engine, Creator creator, String function, List<String> arguments) {
        Instant timestamp = clock.instant();
        committed.membership().check(creator, timestamp);
        byte[] nonce = new byte[TransactionIds.NONCE_LENGTH];
        nonces.nextBytes(nonce);
        String txId = TransactionIds.compute(nonce, creator);
        committed.lock().readLock().lock();
        try {
            SimulationContext ctx = new SimulationContext(committed.state(), channelId, txId, timestamp, creator);
            byte[] payload;
            RwSet rwSet;
            try {
                payload = handler.invoke(ctx, function, arguments);
            } finally {
                rwSet = ctx.finish();
            }
            TransactionRecord record = new TransactionRecord(txId, nonce, timestamp, creator, function, arguments,
                    rwSet, ctx.event(), ValidationCode.NOT_VALIDATED);
            return new PreparedTx(engine, record, payload == null ? new byte[0] : payload);
        } finally {
            committed.lock().readLock().unlock();
        }
    }
}
