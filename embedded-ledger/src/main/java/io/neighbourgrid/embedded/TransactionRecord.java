package io.neighbourgrid.embedded;

import io.neighbourgrid.protocol.contract.Creator;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One transaction as recorded in a block: its header (id, nonce, timestamp, creator), its proposal (function and
 * arguments), the read-write set its simulation produced, its event and the committer's verdict.
 */
record TransactionRecord(String txId, byte[] nonce, Instant timestamp, Creator creator, String function,
                         List<String> args, RwSet rwSet, ChaincodeEvent event, ValidationCode validationCode) {
    TransactionRecord {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(function, "function");
        args = List.copyOf(args);
        Objects.requireNonNull(rwSet, "rwSet");
        Objects.requireNonNull(validationCode, "validationCode");
    }

    TransactionRecord withValidationCode(ValidationCode code) {
        return new TransactionRecord(txId, nonce, timestamp, creator, function, args, rwSet, event, code);
    }
}
