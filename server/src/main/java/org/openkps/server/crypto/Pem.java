package org.openkps.server.crypto;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small PEM (RFC 7468, with RFC 1421 headers) reader and writer. Written here rather than
 * taken from BouncyCastle's PEMParser so that every failure gets a precise message and encrypted
 * keys can be recognised from their headers before anything is decoded.
 */
final class Pem {

    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]{1,40})-----");
    private static final Pattern END = Pattern.compile("-----END ([A-Z0-9 ]{1,40})-----");

    /** One block; {@code data} is the decoded body. Header names keep their case. */
    record Block(String label, Map<String, String> headers, byte[] data) {

        boolean hasEncryptedHeader() {
            String procType = headers.get("Proc-Type");
            return procType != null && procType.toUpperCase(java.util.Locale.ROOT).contains("ENCRYPTED");
        }
    }

    private Pem() {
    }

    /**
     * All blocks in order; text outside blocks is ignored, as OpenSSL does. {@code field} names
     * the input in messages, e.g. "certificate".
     */
    static List<Block> parseAll(String text, String field) {
        List<Block> blocks = new ArrayList<>();
        String label = null;
        Map<String, String> headers = null;
        StringBuilder body = null;
        boolean inHeaders = false;
        for (String rawLine : text.split("\r\n|\r|\n")) {
            String line = rawLine.strip();
            Matcher begin = BEGIN.matcher(line);
            Matcher end = END.matcher(line);
            if (label == null) {
                if (begin.matches()) {
                    label = begin.group(1);
                    headers = new LinkedHashMap<>();
                    body = new StringBuilder();
                    inHeaders = true;
                } else if (end.matches()) {
                    throw invalid(field, "an END line has no matching BEGIN line");
                }
                continue;
            }
            if (end.matches()) {
                if (!end.group(1).equals(label)) {
                    throw invalid(field, "the '" + label + "' block ends with an END line of another type");
                }
                blocks.add(new Block(label, headers, decode(body, label, field)));
                label = null;
            } else if (begin.matches()) {
                throw invalid(field, "the '" + label + "' block has no END line");
            } else if (inHeaders && line.indexOf(':') > 0) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            } else {
                inHeaders = false;
                body.append(line);
            }
        }
        if (label != null) {
            throw invalid(field, "the '" + label + "' block has no END line");
        }
        return blocks;
    }

    /** Base64 in 64-character lines, LF line ends, trailing newline. */
    static String encode(String label, byte[] data) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(data);
        return "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
    }

    private static byte[] decode(StringBuilder body, String label, String field) {
        if (body.length() == 0) {
            throw invalid(field, "the '" + label + "' block is empty");
        }
        try {
            return Base64.getDecoder().decode(body.toString());
        } catch (IllegalArgumentException e) {
            throw invalid(field, "the body of the '" + label + "' block is not valid base64");
        }
    }

    private static InvalidKeyMaterialException invalid(String field, String detail) {
        return new InvalidKeyMaterialException(field + " is not valid PEM: " + detail);
    }
}
