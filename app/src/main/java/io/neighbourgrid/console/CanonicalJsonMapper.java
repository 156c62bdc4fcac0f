package io.neighbourgrid.console;

import io.javalin.json.JsonMapper;
import io.neighbourgrid.json.CanonicalJson;
import java.lang.reflect.Type;

/**
 * Javalin's JSON mapper over the project's {@link CanonicalJson}: the API's records are written as the ledger's
 * records are (keys sorted, absent values omitted), and no second JSON library is needed.
 */
final class CanonicalJsonMapper implements JsonMapper {
    @Override
    public String toJsonString(Object obj, Type type) {
        return CanonicalJson.toJson(obj);
    }

    @Override
    public <T> T fromJsonString(String json, Type targetType) {
        return CanonicalJson.fromJson(json, targetType);
    }
}
