package org.openkps.signing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code Authorization} header of an SDK-HMAC-SHA256 request:
 * {@code SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<h1;h2>, Signature=<hex>}.
 *
 * @param accessKey     the AK
 * @param signedHeaders lowercase header names, in the order they were listed
 * @param signature     lowercase hex HMAC-SHA256 (64 characters)
 */
public record Authorization(String accessKey, List<String> signedHeaders, String signature) {

    public static final String ALGORITHM = "SDK-HMAC-SHA256";

    private static final String EXPECTED =
            "expected '" + ALGORITHM + " Access=<AK>, SignedHeaders=<h1;h2;...>, Signature=<hex>'";
    // RFC 9110 token characters: what a header name may contain.
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> OTHER_SDK_ALGORITHMS =
            Set.of("SDK-HMAC-SM3", "SDK-ECDSA-P256-SHA256", "SDK-SM2-SM3", "V11-HMAC-SHA256");
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    public Authorization {
        if (accessKey == null || accessKey.isEmpty()) {
            throw new IllegalArgumentException("accessKey is required");
        }
        if (signedHeaders == null || signedHeaders.isEmpty()) {
            throw new IllegalArgumentException("signedHeaders must not be empty");
        }
        if (signature == null || signature.isEmpty()) {
            throw new IllegalArgumentException("signature is required");
        }
        signedHeaders = List.copyOf(signedHeaders);
    }

    /** The header value in the SDK's exact layout (one space after the algorithm, {@code ", "} between fields). */
    public String toHeaderValue() {
        return ALGORITHM + " Access=" + accessKey + ", SignedHeaders=" + String.join(";", signedHeaders)
                + ", Signature=" + signature;
    }

    /**
     * Parses the SDK's format. Extra whitespace around fields, separators and {@code =} is tolerated and
     * the fields may come in any order; anything else (another algorithm, unknown/duplicate/missing field,
     * a malformed value) is rejected.
     *
     * @throws SignatureException with a message that says what is wrong
     */
    public static Authorization parse(String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            throw new SignatureException("Authorization header is missing; " + EXPECTED);
        }
        String s = headerValue.strip();
        int space = firstWhitespace(s);
        String algorithm = space < 0 ? s : s.substring(0, space);
        if (!algorithm.equals(ALGORITHM)) {
            if (OTHER_SDK_ALGORITHMS.contains(algorithm)) {
                // Another signer of the official SDK (chosen with HttpConfig.withSigningAlgorithm).
                throw new SignatureException("Unsupported signing algorithm " + algorithm
                        + "; only " + ALGORITHM + " (the SDK default) is accepted");
            }
            if (algorithm.startsWith(ALGORITHM)) {
                throw notSdk("missing space after " + ALGORITHM);
            }
            throw new SignatureException("Authorization header is not " + ALGORITHM + "; " + EXPECTED);
        }
        String access = null;
        String signedHeaders = null;
        String signature = null;
        String rest = space < 0 ? "" : s.substring(space).strip();
        if (rest.isEmpty()) {
            throw notSdk("no Access, SignedHeaders and Signature fields");
        }
        for (String field : rest.split(",", -1)) {
            field = field.strip();
            if (field.isEmpty()) {
                throw notSdk("empty field (stray ',')");
            }
            int eq = field.indexOf('=');
            if (eq < 0) {
                throw notSdk("field '" + field + "' has no '='");
            }
            String name = field.substring(0, eq).strip();
            String value = field.substring(eq + 1).strip();
            switch (name) {
                case "Access" -> {
                    requireOnce(access, name);
                    access = value;
                }
                case "SignedHeaders" -> {
                    requireOnce(signedHeaders, name);
                    signedHeaders = value;
                }
                case "Signature" -> {
                    requireOnce(signature, name);
                    signature = value;
                }
                default -> throw notSdk("unknown field '" + name
                        + "' (field names are case-sensitive: Access, SignedHeaders, Signature)");
            }
        }
        if (access == null) {
            throw notSdk("missing Access");
        }
        if (signedHeaders == null) {
            throw notSdk("missing SignedHeaders");
        }
        if (signature == null) {
            throw notSdk("missing Signature");
        }
        if (access.isEmpty() || firstWhitespace(access) >= 0) {
            throw notSdk("Access must be a non-empty access key without spaces");
        }
        if (!HEX_SHA256.matcher(signature).matches()) {
            throw notSdk("Signature must be 64 hex digits (HMAC-SHA256)");
        }
        return new Authorization(access, parseSignedHeaders(signedHeaders), signature.toLowerCase(Locale.ROOT));
    }

    private static List<String> parseSignedHeaders(String value) {
        if (value.isEmpty()) {
            throw notSdk("SignedHeaders is empty");
        }
        List<String> names = new ArrayList<>();
        for (String name : value.split(";", -1)) {
            name = name.strip();
            if (!HEADER_NAME.matcher(name).matches()) {
                throw notSdk("SignedHeaders must be header names separated by ';', got '" + value + "'");
            }
            names.add(name.toLowerCase(Locale.ROOT));
        }
        return names;
    }

    private static void requireOnce(String seen, String name) {
        if (seen != null) {
            throw notSdk("duplicate " + name);
        }
    }

    private static SignatureException notSdk(String what) {
        return new SignatureException("Authorization header is not " + ALGORITHM + ": " + what + "; " + EXPECTED);
    }

    private static int firstWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
