package io.neighbourgrid.ecoin;

import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import io.neighbourgrid.protocol.ecoin.EcoinConfig;
import io.neighbourgrid.protocol.ecoin.EcoinTransaction;
import io.neighbourgrid.protocol.ecoin.OpenMarket;
import io.neighbourgrid.protocol.ecoin.Pairing;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Typed calls of the e-coin contract over one {@link Ledger} connection (embedded or Fabric): arguments are records
 * written with the canonical serializer, results are parsed back into records.
 */
public final class EcoinClient {
    private final Ledger ledger;

    /**
     * @param ledger the connection, signing as the identity the calls need
     */
    public EcoinClient(Ledger ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /** The connection. */
    public Ledger ledger() {
        return ledger;
    }

    /**
     * Submits a transaction.
     *
     * @param tx   the transaction
     * @param args its arguments: strings as they are, records as canonical JSON
     * @return the contract's JSON result
     * @throws LedgerException if the ledger or the contract rejects it
     */
    public String submit(EcoinTransaction tx, Object... args) throws LedgerException {
        return new String(ledger.submit(tx.qualifiedName(), strings(args)).payload(), StandardCharsets.UTF_8);
    }

    /** Submits a transaction and parses its result. */
    public <T> T submit(Class<T> type, EcoinTransaction tx, Object... args) throws LedgerException {
        return CanonicalJson.fromJson(submit(tx, args), type);
    }

    /** Evaluates a query and parses its result. */
    public <T> T evaluate(Class<T> type, EcoinTransaction tx, Object... args) throws LedgerException {
        return CanonicalJson.fromJson(evaluate(tx, args), type);
    }

    /** Evaluates a query. */
    public String evaluate(EcoinTransaction tx, Object... args) throws LedgerException {
        return new String(ledger.evaluate(tx.qualifiedName(), strings(args)), StandardCharsets.UTF_8);
    }

    /** The configuration. */
    public EcoinConfig config() throws LedgerException {
        return evaluate(EcoinConfig.class, EcoinTransaction.GET_CONFIG);
    }

    /** What is open: offers, requests, unfinished pairings. */
    public OpenMarket open() throws LedgerException {
        return evaluate(OpenMarket.class, EcoinTransaction.LIST_OPEN);
    }

    /** One pairing. */
    public Pairing pairing(String requestId) throws LedgerException {
        return evaluate(Pairing.class, EcoinTransaction.GET_PAIRING, requestId);
    }

    private static String[] strings(Object... args) {
        String[] out = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = args[i] instanceof String s ? s : CanonicalJson.toJson(args[i]);
        }
        return out;
    }
}
