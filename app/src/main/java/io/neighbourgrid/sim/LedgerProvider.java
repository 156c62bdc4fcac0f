package io.neighbourgrid.sim;

import io.neighbourgrid.ledger.Ledger;
import io.neighbourgrid.ledger.LedgerException;

/** Where a simulated community's connections come from: the embedded ledger or a Fabric network. */
public interface LedgerProvider extends AutoCloseable {
    /** The channel name. */
    String channel();

    /** A connection signing as the market operator's identity. */
    Ledger connectOperator() throws LedgerException;

    /** A connection signing as the identity of the {@code index}-th home (0-based), {@code homeId}. */
    Ledger connectHome(int index, String homeId) throws LedgerException;

    /**
     * A connection signing as the identity of a representative, {@code index} counting on from the homes (a
     * community organisation's identity, as a home's).
     */
    default Ledger connectRepresentative(int index, String representativeId) throws LedgerException {
        return connectHome(index, representativeId);
    }

    /** A short description for reports ("embedded", "fabric 127.0.0.1:7051"). */
    String describe();

    @Override
    void close();
}
