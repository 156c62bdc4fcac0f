package io.neighbourgrid.privacy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.neighbourgrid.market.paper.Rational;
import io.neighbourgrid.privacy.BlockLog.Field;
import io.neighbourgrid.privacy.BlockLog.LoggedBlock;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * An outsider with the channel's blocks and nothing else, solving for the homes' steady preferences by differencing:
 * every number the ledger publishes about a window is tried as the sum of a value over that window's seller
 * coalition, and the linear system over all windows is solved exactly (rational Gauss-Jordan elimination); a home's
 * value is recovered when the system determines it alone.
 */
final class DifferencingAttacker {
    /** One published number of a window: where it was found, the window's sellers, the value. */
    record Equation(String source, Set<String> members, BigInteger value) {
    }

    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,30})");

    private DifferencingAttacker() {
    }

    /**
     * Every number in every JSON field of every block (written values, arguments, event payloads) that belongs to a
     * window whose seller coalition is on the ledger, as one equation per source path: {@code sum over the window's
     * sellers = the number}.
     *
     * @param blocks the channel's blocks
     * @return the equations, grouped by source path
     */
    static Map<String, List<Equation>> equations(List<LoggedBlock> blocks) {
        Map<Long, Set<String>> sellers = new HashMap<>();
        List<Map.Entry<Long, Map<String, BigInteger>>> numbers = new ArrayList<>();
        for (LoggedBlock b : blocks) {
            for (Field f : b.fields()) {
                JsonElement json = json(Arrays.copyOfRange(b.encoding(), f.start(), f.end()));
                if (json == null || !json.isJsonObject()) {
                    continue;
                }
                JsonObject o = json.getAsJsonObject();
                Long window = window(o);
                if (window == null) {
                    continue;
                }
                JsonObject aggregation = o.has("aggregation") && o.get("aggregation").isJsonObject()
                        ? o.getAsJsonObject("aggregation") : null;
                if (aggregation != null && aggregation.has("sellers")) {
                    Set<String> members = new TreeSet<>();
                    aggregation.getAsJsonArray("sellers").forEach(e -> members.add(e.getAsString()));
                    sellers.put(window, members);
                }
                Map<String, BigInteger> found = new LinkedHashMap<>();
                collect("", o, found);
                numbers.add(Map.entry(window, found));
            }
        }
        Map<String, List<Equation>> out = new TreeMap<>();
        for (Map.Entry<Long, Map<String, BigInteger>> e : numbers) {
            Set<String> members = sellers.get(e.getKey());
            if (members == null || members.isEmpty()) {
                continue;
            }
            for (Map.Entry<String, BigInteger> n : e.getValue().entrySet()) {
                out.computeIfAbsent(n.getKey(), k -> new ArrayList<>()).add(new Equation(n.getKey(), members,
                        n.getValue()));
            }
        }
        return out;
    }

    /**
     * Solves {@code sum_{i in members} x_i = value} over all equations exactly and returns the values the system
     * determines (a home whose row in the reduced system has no other unknown). An inconsistent system determines
     * nothing.
     */
    static Map<String, Rational> solve(List<Equation> equations) {
        List<String> homes = new ArrayList<>(new TreeSet<>(equations.stream().flatMap(e -> e.members().stream())
                .toList()));
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < homes.size(); i++) {
            column.put(homes.get(i), i);
        }
        int n = homes.size();
        List<Rational[]> rows = new ArrayList<>();
        for (Equation e : equations) {
            Rational[] row = new Rational[n + 1];
            Arrays.fill(row, Rational.ZERO);
            e.members().forEach(h -> row[column.get(h)] = Rational.ONE);
            row[n] = Rational.of(e.value());
            rows.add(row);
        }
        int rank = 0;
        int[] pivotOf = new int[n];
        Arrays.fill(pivotOf, -1);
        for (int c = 0; c < n && rank < rows.size(); c++) {
            int p = -1;
            for (int r = rank; r < rows.size(); r++) {
                if (rows.get(r)[c].signum() != 0) {
                    p = r;
                    break;
                }
            }
            if (p < 0) {
                continue;
            }
            Rational[] pivot = rows.get(p);
            rows.set(p, rows.get(rank));
            rows.set(rank, pivot);
            Rational inv = Rational.ONE.divide(pivot[c]);
            for (int k = c; k <= n; k++) {
                pivot[k] = pivot[k].multiply(inv);
            }
            for (int r = 0; r < rows.size(); r++) {
                Rational f = rows.get(r)[c];
                if (r != rank && f.signum() != 0) {
                    Rational[] row = rows.get(r);
                    for (int k = c; k <= n; k++) {
                        row[k] = row[k].subtract(f.multiply(pivot[k]));
                    }
                }
            }
            pivotOf[c] = rank++;
        }
        for (int r = rank; r < rows.size(); r++) {
            if (rows.get(r)[n].signum() != 0) {
                return Map.of(); // the published numbers are not sums over the coalitions
            }
        }
        Map<String, Rational> out = new TreeMap<>();
        for (int c = 0; c < n; c++) {
            if (pivotOf[c] < 0) {
                continue;
            }
            Rational[] row = rows.get(pivotOf[c]);
            boolean alone = true;
            for (int k = 0; k < n && alone; k++) {
                alone = k == c || row[k].signum() == 0;
            }
            if (alone) {
                out.put(homes.get(c), row[n]);
            }
        }
        return out;
    }

    private static JsonElement json(byte[] bytes) {
        if (bytes.length < 2 || bytes[0] != '{') {
            return null;
        }
        try {
            return JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Long window(JsonObject o) {
        JsonElement w = o.get("window");
        if (w != null && w.isJsonPrimitive() && w.getAsJsonPrimitive().isNumber()) {
            return w.getAsLong();
        }
        if (w != null && w.isJsonObject()) {
            return window(w.getAsJsonObject());
        }
        return null;
    }

    /** Every integer of a JSON tree (numbers and decimal strings), by path; arrays' elements share their path. */
    private static void collect(String path, JsonElement e, Map<String, BigInteger> out) {
        if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> f : e.getAsJsonObject().entrySet()) {
                collect(path.isEmpty() ? f.getKey() : path + "." + f.getKey(), f.getValue(), out);
            }
        } else if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> collect(path + "[]", x, out));
        } else if (e.isJsonPrimitive()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            String s = p.getAsString();
            if ((p.isNumber() || p.isString()) && DECIMAL.matcher(s).matches()) {
                out.putIfAbsent(path, new BigInteger(s));
            }
        }
    }
}
