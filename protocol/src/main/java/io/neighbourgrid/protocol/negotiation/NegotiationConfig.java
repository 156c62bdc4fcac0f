package io.neighbourgrid.protocol.negotiation;

import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.Syntax;
import io.neighbourgrid.json.CanonicalJson;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The negotiation's public setup, stored once: who trades (id, bus, producer or consumer) and which lines the line
 * manager prices. Every producer negotiates with every consumer.
 *
 * @param traders the traders, ids unique
 * @param lines   the line names ({@code from-to}) in the order of the line prices
 * @param minKeyBits the smallest Paillier modulus a producer may register
 * @param round      which negotiation on this ledger (0, 1, ...), set by the contract: a new configuration is
 *                   accepted once the previous round recorded its trades
 */
public record NegotiationConfig(List<TraderEntry> traders, List<String> lines, int minKeyBits, long round) {
    /** The argument's name in messages. */
    public static final String WHAT = "negotiation configuration";
    /** Every field, all required. */
    public static final Set<String> FIELDS = Set.of("traders", "lines", "minKeyBits");

    public NegotiationConfig {
        traders = List.copyOf(traders);
        lines = List.copyOf(lines);
    }

    /**
     * One trader.
     *
     * @param id       the trader id (home-id syntax)
     * @param bus      its bus
     * @param producer whether it produces
     */
    public record TraderEntry(String id, int bus, boolean producer) {
        public TraderEntry {
            Objects.requireNonNull(id, "id");
        }
    }

    /** The entry of a trader, if any. */
    public java.util.Optional<TraderEntry> trader(String id) {
        return traders.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The producer-consumer pairs, producer-major in trader order. */
    public List<String[]> pairs() {
        return traders.stream().filter(TraderEntry::producer).flatMap(p -> traders.stream()
                .filter(c -> !c.producer()).map(c -> new String[] {p.id(), c.id()})).toList();
    }

    /** The configuration as canonical JSON. */
    public String toJson() {
        return CanonicalJson.toJson(this);
    }

    /**
     * Parses and checks a configuration.
     *
     * @throws io.neighbourgrid.protocol.ContractException {@code MALFORMED_JSON} or {@code INVALID_ARGUMENT}
     */
    public static NegotiationConfig parse(String json) {
        NegotiationConfig c = RecordJson.parse(json, WHAT, FIELDS, Set.of("round"), NegotiationConfig.class);
        if (c.traders() == null || c.lines() == null || c.traders().isEmpty()) {
            throw ErrorCode.INVALID_ARGUMENT.exception(WHAT + " needs traders and lines");
        }
        Set<String> ids = new HashSet<>();
        boolean producers = false;
        boolean consumers = false;
        for (TraderEntry t : c.traders()) {
            if (t == null || t.id() == null) {
                throw ErrorCode.INVALID_ARGUMENT.exception(WHAT + " has an empty trader");
            }
            Syntax.parseHomeId(t.id());
            if (!ids.add(t.id()) || t.bus() < 1) {
                throw ErrorCode.INVALID_ARGUMENT.exception("trader " + t.id() + " is listed twice or has no bus");
            }
            producers |= t.producer();
            consumers |= !t.producer();
        }
        if (!producers || !consumers) {
            throw ErrorCode.INVALID_ARGUMENT.exception(WHAT + " needs at least one producer and one consumer");
        }
        if (c.minKeyBits() < 256 || c.minKeyBits() > 8192) {
            throw ErrorCode.INVALID_ARGUMENT.exception("minKeyBits must be within 256..8192, got " + c.minKeyBits());
        }
        return c;
    }

    /** This configuration as the given round. */
    public NegotiationConfig inRound(long r) {
        return new NegotiationConfig(traders, lines, minKeyBits, r);
    }
}
