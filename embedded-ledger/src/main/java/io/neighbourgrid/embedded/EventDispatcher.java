package io.neighbourgrid.embedded;

import io.neighbourgrid.ledger.LedgerEvent;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Delivers committed events to listeners in commit order, on the committing thread, after the commit has released
 * the ledger's locks, so a listener may itself submit transactions. Events are queued in commit order under the
 * commit lock; whichever thread drains the queue delivers them one at a time. A listener that submits from inside a
 * delivery has its own transaction's event delivered after the current one, by the outer drain.
 */
final class EventDispatcher {
    private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());

    private final List<Consumer<LedgerEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Queue<LedgerEvent> pending = new ConcurrentLinkedQueue<>();
    private final ReentrantLock delivery = new ReentrantLock();

    Subscription subscribe(Consumer<LedgerEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Queues an event; called in commit order while the commit lock is held. */
    void enqueue(LedgerEvent event) {
        pending.add(event);
    }

    /**
     * Delivers queued events of blocks below {@code durableHeight} (the blocks already synced to storage), unless
     * this thread is already delivering (then its outer loop does it). Events of later blocks stay queued until a
     * drain after their sync.
     */
    void drain(long durableHeight) {
        if (delivery.isHeldByCurrentThread()) {
            return;
        }
        delivery.lock();
        try {
            LedgerEvent e;
            while ((e = pending.peek()) != null && e.blockNumber() < durableHeight) {
                pending.poll();
                for (Consumer<LedgerEvent> listener : listeners) {
                    try {
                        listener.accept(e);
                    } catch (RuntimeException failure) {
                        // One failing listener must not stop delivery to the others or fail the commit.
                        LOG.log(System.Logger.Level.WARNING, "event listener failed on event " + e.name()
                                + " of transaction " + e.txId(), failure);
                    }
                }
            }
        } finally {
            delivery.unlock();
        }
    }
}
