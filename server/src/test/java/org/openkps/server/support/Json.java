package org.openkps.server.support;

import tools.jackson.databind.json.JsonMapper;

/** Puts text into JSON text blocks safely. */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    /** The JSON string literal of {@code text}, quotes included. */
    public static String str(String text) {
        return MAPPER.writeValueAsString(text);
    }

    /** {@code {"keypair": {...}}}, the body of createKeypair, around the given members. */
    public static String keypair(String members) {
        return """
                {"keypair": {%s}}""".formatted(members);
    }
}
