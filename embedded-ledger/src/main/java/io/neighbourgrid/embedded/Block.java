package io.neighbourgrid.embedded;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One block of the embedded ledger's chain. Block 0 is the genesis configuration block naming the channel; later
 * configuration blocks add organisations; every other block carries transactions.
 *
 * @param number       the block number, from 0
 * @param previousHash SHA-256 of the previous block's encoding (32 zero bytes for block 0)
 * @param timestamp    when the block was cut
 * @param body         its configuration or transactions
 */
record Block(long number, byte[] previousHash, Instant timestamp, Body body) {
    Block {
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(body, "body");
    }

    /** What a block carries. */
    sealed interface Body permits Config, Transactions {
    }

    /**
     * A configuration update: the channel and the organisations it adds.
     *
     * @param channelId     the channel every block of this chain belongs to
     * @param organisations organisations registered by this block
     */
    record Config(String channelId, List<Organisation> organisations) implements Body {
        Config {
            Objects.requireNonNull(channelId, "channelId");
            organisations = List.copyOf(organisations);
        }
    }

    /** An organisation's MSP id and its certificate authority's certificate. */
    record Organisation(String mspId, X509Certificate caCertificate) {
        Organisation {
            Objects.requireNonNull(mspId, "mspId");
            Objects.requireNonNull(caCertificate, "caCertificate");
        }
    }

    /** The transactions of a block, in order, valid and invalid alike. */
    record Transactions(List<TransactionRecord> transactions) implements Body {
        Transactions {
            transactions = List.copyOf(transactions);
        }
    }
}
