package org.openkps.server.keypair;

/** Puts text a caller sent (a name, a path, an id) into a message: bounded, quoted, no control characters. */
public final class UntrustedText {

    /** Longer input is cut here and marked with "...". */
    public static final int MAX_QUOTED = 128;

    private UntrustedText() {
    }

    /** {@code 'text'}, cut to {@link #MAX_QUOTED} characters, anything outside printable ASCII as {@code ?}. */
    public static String quote(Object value) {
        return "'" + printable(String.valueOf(value)) + "'";
    }

    /** The text cut to {@link #MAX_QUOTED} characters, anything outside printable ASCII as {@code ?}. */
    public static String printable(String text) {
        boolean cut = text.length() > MAX_QUOTED;
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_QUOTED) + 3);
        for (int i = 0, end = Math.min(text.length(), MAX_QUOTED); i < end; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c <= 0x7e ? c : '?');
        }
        return cut ? out.append("...").toString() : out.toString();
    }
}
