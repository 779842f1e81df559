package org.openkps.server.error;

import java.util.List;

import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;

/**
 * Names fields in error messages as the caller wrote them: the JSON names of the contract
 * ({@code keypair.public_key}), not the Java names of the generated models ({@code keypair.publicKey}).
 */
final class JsonNames {

    private static final Pattern UPPER = Pattern.compile("([a-z0-9])([A-Z])");

    private JsonNames() {
    }

    /** {@code keypair.keyProtection.privateKey} becomes {@code keypair.key_protection.private_key}. */
    static String of(String javaPath) {
        Matcher m = UPPER.matcher(javaPath);
        return m.replaceAll("$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The path of a violated constraint on a controller method, without the method:
     * {@code listKeypairs.limit} is {@code limit}, {@code batchImportKeypairs.createKeypairRequest[0].keypair.name}
     * (a request body) is {@code [0].keypair.name}.
     */
    static String of(Path path) {
        StringBuilder name = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            String part = node.getKind() == ElementKind.PARAMETER ? bodyless(parameter(node.getName())) : of(node.getName());
            if (node.getIndex() != null) {
                name.append('[').append(node.getIndex()).append(']');
            }
            if (!part.isEmpty()) {
                if (!name.isEmpty()) {
                    name.append('.');
                }
                name.append(part);
            }
        }
        return name.isEmpty() ? "the request body" : name.toString();
    }

    private static String bodyless(String parameter) {
        return parameter.equals("body") ? "" : parameter;
    }

    /** A method parameter: request bodies are "the body", the rest are named as in the contract. */
    static String parameter(String javaName) {
        if (javaName == null) {
            return "parameter";
        }
        if (javaName.endsWith("Request")) {
            return "body";
        }
        return of(javaName);
    }

    /** The JSON path of a Jackson failure: {@code keypair.type}, {@code [2].keypair.name}. */
    static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : references) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static String jsonType(Class<?> type) {
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
