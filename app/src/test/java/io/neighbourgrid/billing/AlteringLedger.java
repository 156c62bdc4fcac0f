package io.neighbourgrid.billing;

import io.neighbourgrid.ledger.ForwardingLedger;
import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/** A connection whose answers to one query are altered: a peer or a store that lies. */
public final class AlteringLedger extends ForwardingLedger {
    private final String transaction;
    private final UnaryOperator<String> alter;

    /**
     * A connection that alters the answers to one query.
     *
     * @param delegate    the honest connection
     * @param transaction the query whose answers are altered
     * @param alter       how: the honest answer in, the lie out
     */
    public AlteringLedger(Ledger delegate, String transaction, UnaryOperator<String> alter) {
        super(delegate);
        this.transaction = transaction;
        this.alter = alter;
    }

    @Override
    public byte[] evaluate(String tx, String... args) throws LedgerException {
        byte[] answer = delegate().evaluate(tx, args);
        if (!tx.equals(transaction)) {
            return answer;
        }
        return alter.apply(new String(answer, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }
}
