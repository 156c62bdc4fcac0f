package io.neighbourgrid.ecoin;

import io.neighbourgrid.crypto.blind.BlindRsaPublicKey;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.ecoin.Coin;
import io.neighbourgrid.protocol.ecoin.EcoinTransaction;
import io.neighbourgrid.protocol.ecoin.WithdrawalArgs;
import io.neighbourgrid.protocol.ecoin.WithdrawalBatch;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A wallet of coins (Section 5.4.1) and its identified withdrawals: {@link #requestBatch} posts blinded messages
 * under the owner's own identity, {@link #collect} unblinds the substation's answers into coins. Also the wallet of
 * the substation's own coins (the grid account), through the operator's connection.
 */
public final class Wallet {
    private final EcoinClient identified;
    private final BlindRsaPublicKey key;
    private final SecureRandom random;
    private final Deque<Coin> coins = new ArrayDeque<>();
    private final Map<String, List<CoinMinting.Pending>> pending = new TreeMap<>();

    /**
     * @param identified the owner's identified connection (a meter's own identity, or the operator)
     * @param key        the substation's blind-signature key, as the ledger certifies it
     * @param random     the randomness of payloads and blindings
     */
    public Wallet(EcoinClient identified, BlindRsaPublicKey key, SecureRandom random) {
        this.identified = identified;
        this.key = key;
        this.random = random;
    }

    /** Posts a withdrawal of {@code n} coins and returns its batch id, for the substation to issue. */
    public String requestBatch(int n) throws LedgerException {
        List<CoinMinting.Pending> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(CoinMinting.start(key, random));
        }
        String batchId = Ids.random(random);
        identified.submit(EcoinTransaction.REQUEST_WITHDRAWAL, batchId,
                new WithdrawalArgs(batch.stream().map(CoinMinting.Pending::blindedMessage).toList()));
        pending.put(batchId, batch);
        return batchId;
    }

    /** Reads an issued batch and adds its coins, each verified. */
    public void collect(String batchId) throws LedgerException {
        WithdrawalBatch batch = identified.evaluate(WithdrawalBatch.class, EcoinTransaction.GET_BATCH, batchId);
        List<CoinMinting.Pending> mine = pending.remove(batchId);
        if (mine == null || !batch.issued()) {
            throw new IllegalStateException("batch " + batchId + " is not an issued batch of this wallet");
        }
        for (int i = 0; i < mine.size(); i++) {
            coins.add(CoinMinting.finish(key, mine.get(i), batch.blindSignatures().get(i)));
        }
    }

    /** Adds a coin received (a fresh coin after a payment). */
    public void add(Coin coin) {
        coins.add(coin);
    }

    /** Takes a coin to pay with, or {@code null} when the wallet is empty. */
    public Coin take() {
        return coins.poll();
    }

    /** The number of coins held. */
    public int size() {
        return coins.size();
    }

    /** Deposits every coin held, in batches of at most {@code maxBatch}; returns how many. */
    public int depositAll(long maxBatch) throws LedgerException {
        return depositAll(maxBatch, hash -> { });
    }

    /** As {@link #depositAll(long)}, telling {@code deposited} each coin's hash. */
    public int depositAll(long maxBatch, java.util.function.Consumer<String> deposited) throws LedgerException {
        int n = 0;
        while (!coins.isEmpty()) {
            List<Coin> batch = new ArrayList<>();
            while (!coins.isEmpty() && batch.size() < maxBatch) {
                batch.add(coins.poll());
            }
            identified.submit(EcoinTransaction.DEPOSIT, new io.neighbourgrid.protocol.ecoin.DepositArgs(batch));
            batch.forEach(c -> deposited.accept(c.hash()));
            n += batch.size();
        }
        return n;
    }
}
