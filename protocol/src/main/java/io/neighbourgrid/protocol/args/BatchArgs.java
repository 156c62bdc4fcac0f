package io.neighbourgrid.protocol.args;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.market.Role;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.Syntax;
import io.neighbourgrid.protocol.json.StrictJson;
import io.neighbourgrid.protocol.state.ContributionKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The JSON argument of {@code submitBatch}: what a representative submits for the homes that delegated to it, in
 * one transaction per window. Each entry is exactly what the home would have submitted itself, made by the home's
 * own controller: its role, and for a member the contribution it made under the keys of the two homes it expects the
 * window to select, with its proof bound to its own home id ({@code declareAndContribute}); an entry without a
 * contribution is the declaration alone ({@code declareRole}).
 *
 * @param entries the homes' entries, 1 to {@value #MAX_ENTRIES}, each home at most once
 */
public record BatchArgs(List<Entry> entries) {
    /** The argument's name in messages. */
    public static final String WHAT = "batch";
    /** Field of {@link #entries()}. */
    public static final String ENTRIES = "entries";
    /** Most entries in one batch: a larger representative submits several batches. */
    public static final int MAX_ENTRIES = 64;
    /** Longest accepted batch, in characters (64 contributions with 2048-bit keys take about 1.7 million). */
    public static final int MAX_CHARS = 1 << 23;

    public BatchArgs {
        Objects.requireNonNull(entries, ENTRIES);
        entries = List.copyOf(entries);
        if (entries.isEmpty() || entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("a batch has 1 to " + MAX_ENTRIES + " entries, got " + entries.size());
        }
    }

    /**
     * One home's declaration, with or without its contribution.
     *
     * @param homeId       the represented home
     * @param role         its role in the window
     * @param responder    with a contribution: the expected r1, whose key {@code totalsForResponder} is under
     * @param initiator    with a contribution: the expected r2
     * @param contribution the contribution, or null for a declaration alone
     */
    public record Entry(String homeId, Role role, String responder, String initiator, ContributionArgs contribution) {
        /** Field of {@link #homeId()}. */
        public static final String HOME_ID = "homeId";
        /** Field of {@link #role()}. */
        public static final String ROLE = "role";
        /** Field of {@link #responder()}. */
        public static final String RESPONDER = "responder";
        /** Field of {@link #initiator()}. */
        public static final String INITIATOR = "initiator";
        /** Field of {@link #contribution()}. */
        public static final String CONTRIBUTION = "contribution";

        public Entry {
            Objects.requireNonNull(homeId, HOME_ID);
            Objects.requireNonNull(role, ROLE);
            boolean keys = responder != null && initiator != null;
            if (contribution != null ? !keys : responder != null || initiator != null) {
                throw new IllegalArgumentException("the entry of " + homeId + " names the expected homes if and only "
                        + "if it has a contribution");
            }
        }

        /** A declaration alone. */
        public static Entry declaration(String homeId, Role role) {
            return new Entry(homeId, role, null, null, null);
        }

        /** A declaration with the contribution made under {@code keys}. */
        public static Entry withContribution(String homeId, Role role, ContributionKeys keys,
                                             ContributionArgs contribution) {
            return new Entry(homeId, role, keys.responder(), keys.initiator(),
                    Objects.requireNonNull(contribution, CONTRIBUTION));
        }

        /** The keys the contribution is under, or null for a declaration alone. */
        public ContributionKeys keys() {
            return contribution == null ? null : new ContributionKeys(responder, initiator);
        }
    }

    /**
     * The argument as canonical JSON (keys sorted, no whitespace, absent fields omitted), as a representative submits
     * it.
     */
    public String toJson() {
        return CanonicalJson.toJson(this);
    }

    /**
     * Parses the argument strictly: an object with exactly {@code entries}, each entry an object with
     * {@code homeId} and {@code role} and, for a contribution, {@code responder}, {@code initiator} and
     * {@code contribution} (a {@link ContributionArgs} object).
     *
     * @throws io.neighbourgrid.protocol.ContractException {@code MALFORMED_JSON} for the structure,
     *                                                        {@code INVALID_ARGUMENT} for a role, a home id or a
     *                                                        number of entries outside its syntax
     */
    public static BatchArgs parse(String json) {
        JsonArray items = entries(json, WHAT, "a batch");
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            entries.add(entry(items.get(i), WHAT + "." + ENTRIES + "[" + i + "]"));
        }
        return new BatchArgs(entries);
    }

    /**
     * The {@code entries} array of a batch argument named {@code what}, checked for its structure and its size.
     *
     * @param noun the batch in messages, e.g. "a batch"
     */
    static JsonArray entries(String json, String what, String noun) {
        JsonObject o = StrictJson.object(json, what, Set.of(ENTRIES), Set.of(), MAX_CHARS);
        JsonElement array = o.get(ENTRIES);
        if (!array.isJsonArray()) {
            throw ErrorCode.MALFORMED_JSON.exception(what + "." + ENTRIES + " must be an array");
        }
        JsonArray items = array.getAsJsonArray();
        if (items.isEmpty() || items.size() > MAX_ENTRIES) {
            throw ErrorCode.INVALID_ARGUMENT.exception(noun + " has 1 to " + MAX_ENTRIES + " entries, got "
                    + items.size());
        }
        return items;
    }

    private static Entry entry(JsonElement e, String what) {
        if (!e.isJsonObject()) {
            throw ErrorCode.MALFORMED_JSON.exception(what + " must be an object");
        }
        JsonObject o = e.getAsJsonObject();
        StrictJson.requireFields(o, what, Set.of(Entry.HOME_ID, Entry.ROLE),
                Set.of(Entry.RESPONDER, Entry.INITIATOR, Entry.CONTRIBUTION));
        String homeId = Syntax.parseHomeId(StrictJson.stringField(o, Entry.HOME_ID, what));
        Role role = Syntax.parseRole(StrictJson.stringField(o, Entry.ROLE, what));
        JsonObject c = StrictJson.objectField(o, Entry.CONTRIBUTION, what, Set.copyOf(ContributionArgs.FIELDS));
        String responder = StrictJson.stringField(o, Entry.RESPONDER, what);
        String initiator = StrictJson.stringField(o, Entry.INITIATOR, what);
        if (c == null) {
            if (responder != null || initiator != null) {
                throw ErrorCode.MALFORMED_JSON.exception(what + " names expected homes without a contribution");
            }
            return Entry.declaration(homeId, role);
        }
        if (responder == null || initiator == null) {
            throw ErrorCode.MALFORMED_JSON.exception(what + " has a contribution without both expected homes");
        }
        ContributionArgs contribution = new ContributionArgs(ContributionArgs.field(c, ContributionArgs.TOTALS_FOR_RESPONDER),
                ContributionArgs.field(c, ContributionArgs.TOTALS_FOR_INITIATOR), ContributionArgs.field(c, ContributionArgs.PROOF));
        return new Entry(homeId, role, responder, initiator, contribution);
    }
}
