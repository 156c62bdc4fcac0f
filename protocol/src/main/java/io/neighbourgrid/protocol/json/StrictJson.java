package io.neighbourgrid.protocol.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.neighbourgrid.json.CanonicalJson;
import io.neighbourgrid.json.JsonFormatException;
import io.neighbourgrid.protocol.ErrorCode;
import io.neighbourgrid.protocol.Syntax;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Strict reading of the contract's JSON arguments, shared by the chaincode and the argument records of
 * {@code io.neighbourgrid.protocol.args}. Unlike a lenient parser it rejects everything an endorser might otherwise
 * read differently from a client: comments, single quotes, duplicate names, unknown or missing fields, trailing
 * content, and (in the tree reading) numbers that are not plain integers. Every failure is a
 * {@link ErrorCode#MALFORMED_JSON} naming the argument and the field.
 *
 * <p>Two readings exist, with the messages each contract has always given: the market transactions read a JSON tree
 * ({@link #object}, then {@link #longField}, {@link #intField}, {@link #stringField}, {@link #objectField}); the
 * billing transactions read a map through {@link CanonicalJson}'s strict parser ({@link #map}, then
 * {@link #string} and {@link #integer}). Both check the argument's size and its fields the same way.
 */
public final class StrictJson {
    /** Longest JSON argument accepted, in characters; the largest legitimate argument is a few tens of KB. */
    public static final int MAX_CHARS = 1 << 20;
    private static final int MAX_DEPTH = 8;

    private StrictJson() {
    }

    // ------------------------------------------------------------------------------------------------ tree reading

    /**
     * Parses a JSON object that must have every field of {@code required}, may have those of {@code optional} and
     * nothing else.
     *
     * @param json     the argument
     * @param what     the argument's name, for messages
     * @param required the required field names
     * @param optional the optional field names
     * @return the object
     */
    public static JsonObject object(String json, String what, Set<String> required, Set<String> optional) {
        return object(json, what, required, optional, MAX_CHARS);
    }

    /**
     * As {@link #object(String, String, Set, Set)}, for an argument allowed up to {@code maxChars} characters (a
     * representative's batch carries many contributions).
     */
    public static JsonObject object(String json, String what, Set<String> required, Set<String> optional,
                                    int maxChars) {
        requireSize(json, what, maxChars);
        JsonElement parsed;
        try (JsonReader reader = new JsonReader(new StringReader(json))) {
            reader.setStrictness(Strictness.STRICT);
            parsed = read(reader, what, 0);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw ErrorCode.MALFORMED_JSON.exception(what + " has content after the JSON value");
            }
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw ErrorCode.MALFORMED_JSON.exception(what + " is not well-formed JSON: " + e.getMessage(), e);
        }
        if (!parsed.isJsonObject()) {
            throw ErrorCode.MALFORMED_JSON.exception(what + " must be a JSON object");
        }
        JsonObject object = parsed.getAsJsonObject();
        requireFields(object, what, required, optional);
        return object;
    }

    /**
     * Checks that {@code object} has every field of {@code required}, possibly fields of {@code optional}, and no
     * other field.
     */
    public static void requireFields(JsonObject object, String what, Set<String> required, Set<String> optional) {
        requireFields(object.keySet(), what, required, optional);
    }

    /** A field that must be a JSON integer within the range of {@code long}. */
    public static long longField(JsonObject object, String name, String what) {
        JsonElement e = object.get(name);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw ErrorCode.MALFORMED_JSON.exception(what + "." + name + " must be an integer");
        }
        BigInteger value = (BigInteger) e.getAsJsonPrimitive().getAsNumber();
        if (value.bitLength() > 63) {
            throw ErrorCode.MALFORMED_JSON.exception(what + "." + name + " is outside the range of a 64-bit integer");
        }
        return value.longValueExact();
    }

    /** A field that must be a JSON integer within the range of {@code int}. */
    public static int intField(JsonObject object, String name, String what) {
        long value = longField(object, name, what);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw ErrorCode.MALFORMED_JSON.exception(what + "." + name + " is outside the range of a 32-bit integer");
        }
        return (int) value;
    }

    /** A field that must be a JSON string; {@code null} when absent. */
    public static String stringField(JsonObject object, String name, String what) {
        JsonElement e = object.get(name);
        if (e == null) {
            return null;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw ErrorCode.MALFORMED_JSON.exception(what + "." + name + " must be a string");
        }
        return e.getAsString();
    }

    /** A field that must be a JSON object with exactly the given fields; {@code null} when absent. */
    public static JsonObject objectField(JsonObject object, String name, String what, Set<String> required) {
        JsonElement e = object.get(name);
        if (e == null) {
            return null;
        }
        if (!e.isJsonObject()) {
            throw ErrorCode.MALFORMED_JSON.exception(what + "." + name + " must be an object");
        }
        requireFields(e.getAsJsonObject(), what + "." + name, required, Set.of());
        return e.getAsJsonObject();
    }

    // ------------------------------------------------------------------------------------------------ map reading

    /**
     * Parses a JSON object with {@link CanonicalJson#toMap}'s strict parser (no comments, no duplicate names,
     * nothing after the value) that must have every field of {@code required}, possibly some of {@code optional},
     * and no other; integers come back as {@code Long}.
     *
     * @param json     the argument
     * @param what     the argument's name, for messages
     * @param required the required field names
     * @param optional the optional field names
     * @return the object's fields
     */
    public static Map<String, Object> map(String json, String what, Set<String> required, Set<String> optional) {
        requireSize(json, what);
        if (!json.strip().startsWith("{")) {
            throw ErrorCode.MALFORMED_JSON.exception(what + " must be a JSON object");
        }
        Map<String, Object> o;
        try {
            o = CanonicalJson.toMap(json);
        } catch (JsonFormatException e) {
            throw ErrorCode.MALFORMED_JSON.exception(what + " is not well-formed JSON: " + e.getMessage(), e);
        }
        requireFields(o.keySet(), what, required, optional);
        return o;
    }

    /** A string field of a map read by {@link #map}; {@code null} when absent. */
    public static String string(Map<String, Object> o, String name, String what) {
        Object v = o.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw ErrorCode.MALFORMED_JSON.exception(what + "." + name + " must be a string");
        }
        return s;
    }

    /** An integer field, within the range of {@code long}, of a map read by {@link #map}. */
    public static long integer(Map<String, Object> o, String name, String what) {
        Object v = o.get(name);
        if (!(v instanceof Long l)) {
            throw ErrorCode.MALFORMED_JSON.exception(what + "." + name + " must be an integer within 64 bits");
        }
        return l;
    }

    // ------------------------------------------------------------------------------------------------ shared

    private static void requireSize(String json, String what) {
        requireSize(json, what, MAX_CHARS);
    }

    private static void requireSize(String json, String what, int maxChars) {
        if (json == null || json.isEmpty()) {
            throw ErrorCode.MALFORMED_JSON.exception(what + " is empty");
        }
        if (json.length() > maxChars) {
            throw ErrorCode.MALFORMED_JSON.exception(what + " is longer than " + maxChars + " characters");
        }
    }

    private static void requireFields(Set<String> present, String what, Set<String> required, Set<String> optional) {
        for (String name : new TreeSet<>(required)) {
            if (!present.contains(name)) {
                throw ErrorCode.MALFORMED_JSON.exception(what + " lacks the field \"" + name + "\"");
            }
        }
        for (String name : new TreeSet<>(present)) {
            if (!required.contains(name) && !optional.contains(name)) {
                throw ErrorCode.MALFORMED_JSON.exception(what + " has the unknown field \"" + name + "\"");
            }
        }
    }

    private static JsonElement read(JsonReader reader, String what, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw ErrorCode.MALFORMED_JSON.exception(what + " is nested deeper than " + MAX_DEPTH + " levels");
        }
        JsonToken token = reader.peek();
        switch (token) {
            case BEGIN_OBJECT: {
                JsonObject object = new JsonObject();
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    if (object.has(name)) {
                        throw ErrorCode.MALFORMED_JSON.exception(what + " repeats the field \"" + name + "\"");
                    }
                    object.add(name, read(reader, what, depth + 1));
                }
                reader.endObject();
                return object;
            }
            case BEGIN_ARRAY: {
                JsonArray array = new JsonArray();
                reader.beginArray();
                while (reader.hasNext()) {
                    array.add(read(reader, what, depth + 1));
                }
                reader.endArray();
                return array;
            }
            case STRING:
                return new JsonPrimitive(reader.nextString());
            case NUMBER: {
                String literal = reader.nextString();
                if (!Syntax.DECIMAL.matcher(literal).matches() || literal.length() > 40) {
                    throw ErrorCode.MALFORMED_JSON.exception(what + " contains the number " + abbreviate(literal)
                            + "; only plain integers are accepted");
                }
                return new JsonPrimitive(new BigInteger(literal));
            }
            case BOOLEAN:
                return new JsonPrimitive(reader.nextBoolean());
            case NULL:
                reader.nextNull();
                return JsonNull.INSTANCE;
            default:
                throw ErrorCode.MALFORMED_JSON.exception(what + " has an unexpected " + token);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 24 ? s : s.substring(0, 24) + "...";
    }
}
