package org.openkps.signing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SDK-HMAC-SHA256, the default AK/SK request signature of Huawei Cloud's SDKs (huaweicloud-sdk-core
 * {@code AKSKSigner}), implemented from that SDK's description of the algorithm.
 *
 * <p>Both sides canonicalize what is (or will be) on the wire: path and query are percent-decoded and then
 * re-encoded, so a server that receives {@code a%20b} and a client that signs the SDK's un-encoded
 * {@code a b} arrive at the same canonical form.
 */
public final class SdkHmacSha256 {

    public static final String ALGORITHM = Authorization.ALGORITHM;
    public static final String X_SDK_DATE = "X-Sdk-Date";
    public static final String X_SDK_CONTENT_SHA256 = "X-Sdk-Content-Sha256";
    /** Lowercase hex SHA-256 of an empty body. */
    public static final String EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    // STRICT + 'uuuu' rejects impossible dates such as 20190230 instead of silently adjusting them.
    private static final DateTimeFormatter SDK_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final HexFormat HEX = HexFormat.of();

    private SdkHmacSha256() {
    }

    // ---------------------------------------------------------------- canonical request

    /**
     * The canonical request: method, canonical URI, canonical query, canonical headers (each line ending in
     * {@code \n}), signed header names and payload hash, joined by {@code \n}.
     *
     * @param signedHeaders header names to cover; lowercased, de-duplicated and sorted here
     * @throws SignatureException if a signed header is absent or the path/query has broken percent-encoding
     */
    public static String canonicalRequest(SignableRequest req, List<String> signedHeaders, String payloadHash) {
        TreeSet<String> names = new TreeSet<>();
        for (String name : signedHeaders) {
            names.add(name.toLowerCase(Locale.ROOT));
        }
        StringBuilder headerBlock = new StringBuilder();
        for (String name : names) {
            String value = req.header(name);
            if (value == null) {
                throw new SignatureException("Signed header '" + name + "' is not present in the request");
            }
            // HTTP strips surrounding whitespace from header values, so the receiver never sees it anyway.
            headerBlock.append(name).append(':').append(value.strip()).append('\n');
        }
        return String.join("\n",
                req.method(),
                canonicalUri(req.rawPath()),
                canonicalQueryString(req.rawQuery()),
                headerBlock,
                String.join(";", names),
                payloadHash);
    }

    /**
     * Canonical URI from a wire path: split on {@code /}, each segment decoded then re-encoded and followed by
     * {@code /}. {@code /v3/p/keypairs} becomes {@code /v3/p/keypairs/}; an empty path becomes {@code /}.
     */
    public static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder();
        // String.split drops trailing empty segments, as the SDK's does: "/a/" and "/a" both give "/a/".
        for (String segment : rawPath.split("/")) {
            out.append(percentEncode(percentDecode(segment, "path"))).append('/');
        }
        // "/" (and "//") split into nothing; the SDK signs the root as "/".
        return out.length() == 0 ? "/" : out.toString();
    }

    /**
     * Canonical query from a wire query (without {@code ?}): each key and value decoded then re-encoded,
     * {@code k=v} pairs sorted by encoded key and joined by {@code &}. A key without {@code =} has the
     * empty value. Repeated keys keep their wire order (stable sort): the SDK sends and signs a key's values
     * in the same list order, it does not sort them.
     */
    public static String canonicalQueryString(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String param : rawQuery.split("&")) {
            if (param.isEmpty()) {
                continue; // "a=1&&b=2" or a trailing '&': nothing was sent
            }
            int eq = param.indexOf('=');
            String key = eq < 0 ? param : param.substring(0, eq);
            String value = eq < 0 ? "" : param.substring(eq + 1);
            pairs.add(new String[] {
                percentEncode(percentDecode(key, "query")), percentEncode(percentDecode(value, "query"))});
        }
        pairs.sort(Comparator.comparing(p -> p[0])); // List.sort is stable
        StringBuilder out = new StringBuilder();
        for (String[] p : pairs) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(p[0]).append('=').append(p[1]);
        }
        return out.toString();
    }

    /**
     * Percent-encodes UTF-8 bytes: {@code A-Z a-z 0-9 - _ . ~} stay, every other byte becomes {@code %XX}
     * (uppercase hex), so space is {@code %20} and {@code /} is {@code %2F}.
     */
    public static String percentEncode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /** {@link #percentEncode(byte[])} of the UTF-8 bytes of an un-encoded string. */
    public static String percentEncode(String value) {
        return percentEncode(value.getBytes(StandardCharsets.UTF_8));
    }

    // Decodes %XX to bytes; other characters are taken as UTF-8. '+' stays a literal '+' (RFC 3986): the
    // SDK always encodes a space as %20, so it never puts a '+' meaning space on the wire.
    // Works on bytes so that re-encoding is exact even if the decoded bytes are not valid UTF-8.
    static byte[] percentDecode(String raw, String where) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            if (raw.charAt(i) == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw new SignatureException("Malformed percent-encoding in the request " + where + ": '"
                            + raw + "'");
                }
                out.write(hi << 4 | lo);
                i += 3;
            } else {
                int next = raw.indexOf('%', i);
                int end = next < 0 ? raw.length() : next;
                out.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- signing

    /** {@code SDK-HMAC-SHA256\n<X-Sdk-Date>\n<hex SHA-256 of the canonical request>}. */
    public static String stringToSign(String sdkDate, String canonicalRequestHash) {
        return ALGORITHM + "\n" + sdkDate + "\n" + canonicalRequestHash;
    }

    /** The request's {@code X-Sdk-Content-Sha256} header if present (e.g. {@code UNSIGNED-PAYLOAD}), else the body's hex SHA-256. */
    public static String payloadHash(SignableRequest req) {
        String declared = req.header(X_SDK_CONTENT_SHA256);
        return declared != null ? declared : sha256Hex(req.body());
    }

    /**
     * The lowercase hex signature of a request that carries its {@code X-Sdk-Date} header.
     *
     * @throws SignatureException if {@code X-Sdk-Date} or a signed header is missing, or the path/query is malformed
     */
    public static String sign(SignableRequest req, List<String> signedHeaders, String secretKey) {
        String sdkDate = req.header(X_SDK_DATE);
        if (sdkDate == null) {
            throw new SignatureException("Missing " + X_SDK_DATE + " header (yyyyMMdd'T'HHmmss'Z', UTC)");
        }
        String canonical = canonicalRequest(req, signedHeaders, payloadHash(req));
        String toSign = stringToSign(sdkDate.strip(), sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)));
        return HEX.formatHex(hmacSha256(secretKey, toSign));
    }

    /**
     * Whether {@code auth.signature()} is the signature of {@code req} under {@code secretKey}, compared in
     * constant time. Does not check the AK (look the SK up by it first) nor the age of {@code X-Sdk-Date}
     * (see {@link #parseSdkDate(String)}).
     *
     * @return false on a wrong signature
     * @throws SignatureException if the request can't be canonicalized at all (missing {@code X-Sdk-Date},
     *                            a signed header not present, malformed percent-encoding)
     */
    public static boolean verify(SignableRequest req, Authorization auth, String secretKey) {
        String expected = sign(req, auth.signedHeaders(), secretKey);
        return constantTimeEquals(expected, auth.signature());
    }

    // MessageDigest.isEqual takes time independent of where the inputs differ, so response timing
    // doesn't leak how many leading characters of a forged signature were right.
    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256Hex(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e); // mandatory in every JDK
        }
    }

    private static byte[] hmacSha256(String secretKey, String data) {
        if (secretKey == null || secretKey.isEmpty()) {
            throw new IllegalArgumentException("secret key is required");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e); // mandatory in every JDK
        }
    }

    // ---------------------------------------------------------------- X-Sdk-Date

    /**
     * Parses {@code yyyyMMdd'T'HHmmss'Z'} (UTC), e.g. {@code 20191115T033655Z}.
     *
     * @throws SignatureException if the value is missing or not in that exact format
     */
    public static Instant parseSdkDate(String value) {
        if (value == null) {
            throw new SignatureException("Missing " + X_SDK_DATE + " header (yyyyMMdd'T'HHmmss'Z', UTC)");
        }
        try {
            return LocalDateTime.parse(value.strip(), SDK_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new SignatureException(X_SDK_DATE + " '" + value
                    + "' is not in the format yyyyMMdd'T'HHmmss'Z' (UTC), e.g. 20191115T033655Z", e);
        }
    }

    /** Formats an instant as {@code yyyyMMdd'T'HHmmss'Z'} in UTC (sub-second part dropped). */
    public static String formatSdkDate(Instant instant) {
        return SDK_DATE.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
