package org.openkps.server.http;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

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
        return m.replaceAll("$1_$2").toLowerCase(Locale.ROOT);
    }

    /**
     * Where a constraint on a controller method was violated, without the method: a parameter by its
     * contract name ({@code limit}), a request body by the path inside it ({@code [0].keypair.name}).
     */
    static String of(ConstraintViolation<?> violation) {
        StringBuilder name = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            String part = node.getKind() == ElementKind.PARAMETER
                    ? parameter(violation, node.as(Path.ParameterNode.class)) : of(node.getName());
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

    // Parameters (path and query) are scalars; the request body is an object or an array, and its
    // path starts inside it.
    private static String parameter(ConstraintViolation<?> violation, Path.ParameterNode node) {
        Object[] arguments = violation.getExecutableParameters();
        int index = node.getParameterIndex();
        Object argument = arguments != null && index < arguments.length ? arguments[index] : null;
        boolean scalar = argument == null || argument instanceof CharSequence || argument instanceof Number
                || argument instanceof Boolean;
        return scalar ? of(node.getName()) : "";
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
