package io.neighbourgrid.json;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.ToNumberPolicy;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one serializer of the project's ledger records: compact JSON, object keys sorted by their UTF-16 code units
 * at every depth, no HTML escaping, no pretty printing, nulls omitted. Endorsers must write byte-identical state,
 * so every record written to the ledger goes through {@link #toBytes(Object)}.
 *
 * <p>Records must not contain floating-point fields: amounts are integers in the units of
 * {@code io.neighbourgrid.market.Scales} and big integers travel as strings or Base64.
 */
public final class CanonicalJson {
    private static final Gson GSON = new GsonBuilder()
            .disableHtmlEscaping()
            .disableJdkUnsafe()
            .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
            .setStrictness(Strictness.STRICT)
            .create();

    /** Deepest nesting accepted when parsing; ledger records are a few levels deep. */
    private static final int MAX_DEPTH = 64;

    private CanonicalJson() {
    }

    /** Canonical JSON text of a value. */
    public static String toJson(Object value) {
        return GSON.toJson(sort(GSON.toJsonTree(value)));
    }

    /** Canonical JSON of a value as UTF-8 bytes. */
    public static byte[] toBytes(Object value) {
        return toJson(value).getBytes(StandardCharsets.UTF_8);
    }

    /** Canonicalises arbitrary JSON text (sorting keys), rejecting malformed input. */
    public static String canonicalize(String json) {
        return GSON.toJson(sort(parseTree(json)));
    }

    /**
     * Parses JSON text into a type, rejecting malformed JSON.
     *
     * @throws JsonFormatException naming what could not be parsed
     */
    public static <T> T fromJson(String json, Class<T> type) {
        return fromJson(json, (Type) type);
    }

    /** Parses JSON text into a generic type. */
    public static <T> T fromJson(String json, Type type) {
        JsonElement tree = parseTree(json);
        try {
            T value = GSON.fromJson(tree, type);
            if (value == null) {
                throw new JsonFormatException("JSON document is empty or null, expected " + type.getTypeName());
            }
            return value;
        } catch (JsonParseException | IllegalStateException | NumberFormatException | ArithmeticException e) {
            throw new JsonFormatException("JSON does not match " + type.getTypeName() + ": " + e.getMessage(), e);
        }
    }

    /** Parses UTF-8 JSON bytes into a type. */
    public static <T> T fromBytes(byte[] json, Class<T> type) {
        return fromJson(new String(json, StandardCharsets.UTF_8), type);
    }

    /**
     * Parses strictly (RFC 8259: no comments, no unquoted names or single quotes, no NaN, nothing after the
     * value) and rejects duplicate object keys, which a lenient parser would silently resolve to the last value.
     */
    private static JsonElement parseTree(String json) {
        if (json == null) {
            throw new JsonFormatException("JSON document is missing");
        }
        try (JsonReader reader = new JsonReader(new StringReader(json))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement tree = readElement(reader, "$", 0);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonFormatException("malformed JSON: data after the top-level value at " + reader.getPath());
            }
            return tree;
        } catch (IOException | IllegalStateException | NumberFormatException | JsonParseException e) {
            throw new JsonFormatException("malformed JSON: " + e.getMessage(), e);
        }
    }

    private static JsonElement readElement(JsonReader reader, String path, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new JsonFormatException("malformed JSON: nested deeper than " + MAX_DEPTH + " levels at " + path);
        }
        switch (reader.peek()) {
            case BEGIN_OBJECT -> {
                JsonObject object = new JsonObject();
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    if (object.has(name)) {
                        throw new JsonFormatException("malformed JSON: duplicate key \"" + name + "\" in " + path);
                    }
                    object.add(name, readElement(reader, path + "." + name, depth + 1));
                }
                reader.endObject();
                return object;
            }
            case BEGIN_ARRAY -> {
                JsonArray array = new JsonArray();
                reader.beginArray();
                while (reader.hasNext()) {
                    array.add(readElement(reader, path + "[" + array.size() + "]", depth + 1));
                }
                reader.endArray();
                return array;
            }
            case STRING -> {
                return new JsonPrimitive(reader.nextString());
            }
            case NUMBER -> {
                return new JsonPrimitive(new JsonNumber(reader.nextString()));
            }
            case BOOLEAN -> {
                return new JsonPrimitive(reader.nextBoolean());
            }
            case NULL -> {
                reader.nextNull();
                return JsonNull.INSTANCE;
            }
            default -> throw new JsonFormatException("malformed JSON: unexpected " + reader.peek() + " at " + path);
        }
    }

    private static JsonElement sort(JsonElement element) {
        if (element.isJsonObject()) {
            JsonObject in = element.getAsJsonObject();
            List<String> keys = new ArrayList<>(in.keySet());
            keys.sort(null);
            JsonObject out = new JsonObject();
            for (String k : keys) {
                JsonElement v = in.get(k);
                if (!v.isJsonNull()) {
                    out.add(k, sort(v));
                }
            }
            return out;
        }
        if (element.isJsonArray()) {
            JsonArray out = new JsonArray();
            for (JsonElement e : element.getAsJsonArray()) {
                out.add(sort(e));
            }
            return out;
        }
        return element;
    }

    /** Exposed for callers that build trees by hand: canonical text of a tree. */
    public static String toJson(JsonElement tree) {
        return GSON.toJson(sort(tree));
    }

    /** Exposed for callers that need a plain map view. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(String json) {
        return fromJson(json, Map.class);
    }

    /**
     * A JSON number kept as its source text, so canonicalisation never rewrites it (no "1E+2" for "1e2", no
     * precision lost), and converted exactly: a fraction or an out-of-range value read into an integer field is
     * an error, not a silent truncation.
     */
    private static final class JsonNumber extends Number {
        private static final long serialVersionUID = 1L;
        private final String text;

        JsonNumber(String text) {
            this.text = text;
        }

        private BigDecimal exact() {
            return new BigDecimal(text);
        }

        @Override
        public int intValue() {
            return exact().intValueExact();
        }

        @Override
        public long longValue() {
            return exact().longValueExact();
        }

        @Override
        public float floatValue() {
            return Float.parseFloat(text);
        }

        @Override
        public double doubleValue() {
            return Double.parseDouble(text);
        }

        @Override
        public String toString() {
            return text;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof JsonNumber other && text.equals(other.text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }
    }
}
