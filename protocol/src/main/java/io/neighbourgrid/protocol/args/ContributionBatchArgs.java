package io.neighbourgrid.protocol.args;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.Syntax;
import io.neighbourgrid.protocol.json.StrictJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The JSON argument of {@code submitContributionBatch}: the contributions a representative submits for the homes that
 * delegated to it once a window's roles are closed, when their contributions made with the declarations were under
 * keys the window did not select (or were not made). Each entry is exactly what the home would have submitted with
 * {@code submitContribution}, made by the home's own controller under the selected homes' keys, with its proof bound
 * to its own home id.
 *
 * @param entries the homes' contributions, 1 to {@value BatchArgs#MAX_ENTRIES}, each home at most once
 */
public record ContributionBatchArgs(List<Entry> entries) {
    /** The argument's name in messages. */
    public static final String WHAT = "contributionBatch";
    /** Field of {@link #entries()}. */
    public static final String ENTRIES = BatchArgs.ENTRIES;

    public ContributionBatchArgs {
        Objects.requireNonNull(entries, ENTRIES);
        entries = List.copyOf(entries);
        if (entries.isEmpty() || entries.size() > BatchArgs.MAX_ENTRIES) {
            throw new IllegalArgumentException("a contribution batch has 1 to " + BatchArgs.MAX_ENTRIES
                    + " entries, got " + entries.size());
        }
    }

    /**
     * One member's contribution.
     *
     * @param homeId       the represented home
     * @param contribution its contribution under the window's selected homes' keys
     */
    public record Entry(String homeId, ContributionArgs contribution) {
        /** Field of {@link #homeId()}. */
        public static final String HOME_ID = "homeId";
        /** Field of {@link #contribution()}. */
        public static final String CONTRIBUTION = "contribution";

        public Entry {
            Objects.requireNonNull(homeId, HOME_ID);
            Objects.requireNonNull(contribution, CONTRIBUTION);
        }
    }

    /** The argument as canonical JSON (keys sorted, no whitespace), as a representative submits it. */
    public String toJson() {
        return CanonicalJson.toJson(this);
    }

    /**
     * Parses the argument strictly: an object with exactly {@code entries}, each entry an object with exactly
     * {@code homeId} and {@code contribution} (a {@link ContributionArgs} object).
     *
     * @throws io.neighbourgrid.protocol.ContractException {@code MALFORMED_JSON} for the structure,
     *                                                        {@code INVALID_ARGUMENT} for a home id or a number of
     *                                                        entries outside its syntax
     */
    public static ContributionBatchArgs parse(String json) {
        JsonArray items = BatchArgs.entries(json, WHAT, "a contribution batch");
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            entries.add(entry(items.get(i), WHAT + "." + ENTRIES + "[" + i + "]"));
        }
        return new ContributionBatchArgs(entries);
    }

    private static Entry entry(JsonElement e, String what) {
        if (!e.isJsonObject()) {
            throw ErrorCode.MALFORMED_JSON.exception(what + " must be an object");
        }
        JsonObject o = e.getAsJsonObject();
        StrictJson.requireFields(o, what, Set.of(Entry.HOME_ID, Entry.CONTRIBUTION), Set.of());
        String homeId = Syntax.parseHomeId(StrictJson.stringField(o, Entry.HOME_ID, what));
        JsonObject c = StrictJson.objectField(o, Entry.CONTRIBUTION, what, Set.copyOf(ContributionArgs.FIELDS));
        return new Entry(homeId, new ContributionArgs(ContributionArgs.field(c, ContributionArgs.TOTALS_FOR_RESPONDER),
                ContributionArgs.field(c, ContributionArgs.TOTALS_FOR_INITIATOR),
                ContributionArgs.field(c, ContributionArgs.PROOF)));
    }
}
