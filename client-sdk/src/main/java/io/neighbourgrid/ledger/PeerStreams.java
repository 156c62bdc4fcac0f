package io.neighbourgrid.ledger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.protos.peer.FilteredBlock;

/**
 * The event streams of one connection, each read on a daemon thread of its own: the chaincode's events (closed with
 * the connection) and the channel's committed blocks (what a {@link FabricLedger.CommitBarrier} follows). A stream
 * is opened through the gateway peer in use when it is asked for, and ends when that peer goes away.
 */
final class PeerStreams {
    private final Supplier<Network> network;
    private final Set<CloseableIterator<ChaincodeEvent>> eventStreams = ConcurrentHashMap.newKeySet();

    PeerStreams(Supplier<Network> network) {
        this.network = network;
    }

    /** Delivers the events of {@code chaincodeName} to {@code listener} until the subscription is closed. */
    LedgerSubscription chaincodeEvents(String chaincodeName, Consumer<LedgerEvent> listener, String threadName)
            throws LedgerException {
        CloseableIterator<ChaincodeEvent> events;
        try {
            events = network.get().getChaincodeEvents(chaincodeName);
        } catch (GatewayRuntimeException e) {
            throw GatewayErrors.translate(e);
        }
        eventStreams.add(events);
        Thread reader = new Thread(() -> {
            try {
                while (events.hasNext()) {
                    ChaincodeEvent e = events.next();
                    listener.accept(new LedgerEvent(e.getBlockNumber(), e.getTransactionId(), e.getEventName(),
                            e.getPayload()));
                }
            } catch (GatewayRuntimeException | IllegalStateException closed) {
                // The stream ends when the subscription or the connection is closed.
            }
        }, threadName);
        reader.setDaemon(true);
        reader.start();
        return () -> {
            eventStreams.remove(events);
            events.close();
        };
    }

    /** See {@link FabricLedger#followBlocks}. */
    LedgerSubscription blocks(long startBlock, LongConsumer committed, Runnable ended, String threadName)
            throws LedgerException {
        CloseableIterator<FilteredBlock> blocks;
        try {
            blocks = network.get().newFilteredBlockEventsRequest().startBlock(startBlock).build().getEvents();
        } catch (GatewayRuntimeException e) {
            throw GatewayErrors.translate(e);
        }
        AtomicBoolean closed = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            try {
                while (blocks.hasNext()) {
                    committed.accept(blocks.next().getNumber());
                }
            } catch (GatewayRuntimeException | IllegalStateException gone) {
                // The peer went away or the stream was closed.
            } finally {
                if (!closed.get()) {
                    ended.run();
                }
            }
        }, threadName);
        reader.setDaemon(true);
        reader.start();
        return () -> {
            closed.set(true);
            blocks.close();
        };
    }

    /** Closes every chaincode event stream still open. */
    void closeEventStreams() {
        for (CloseableIterator<ChaincodeEvent> events : eventStreams) {
            events.close();
        }
        eventStreams.clear();
    }
}
