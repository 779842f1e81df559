package org.openkps.server.association;

import java.util.ArrayList;
import java.util.List;

/**
 * The one rule for editing an {@code authorized_keys} file: our key pair's line goes in or out, every
 * other line stays as it was. A line is ours when it holds the key's base64 blob, whatever its options
 * or comment.
 */
public final class AuthorizedKeys {

    private AuthorizedKeys() {
    }

    /**
     * The file without the lines of {@code removeKey} (null: none) and, when {@code addKey} is given,
     * with its line at the end (once), as {@code <type> <base64> <comment>}.
     */
    public static String edit(String file, String removeKey, String addKey, String comment) {
        List<String> lines = new ArrayList<>(file.lines().toList());
        String removed = removeKey == null ? null : blob(removeKey);
        String added = addKey == null ? null : blob(addKey);
        lines.removeIf(line -> holds(line, removed) || holds(line, added));
        if (addKey != null) {
            lines.add(typeAndBlob(addKey) + " " + comment);
        }
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    private static boolean holds(String line, String blob) {
        if (blob == null || line.isBlank() || line.strip().startsWith("#")) {
            return false;
        }
        for (String field : line.strip().split("\\s+")) {
            if (field.equals(blob)) {
                return true;
            }
        }
        return false;
    }

    private static String blob(String publicKey) {
        String[] fields = publicKey.strip().split("\\s+");
        return fields.length > 1 ? fields[1] : fields[0];
    }

    private static String typeAndBlob(String publicKey) {
        String[] fields = publicKey.strip().split("\\s+");
        return fields[0] + " " + fields[1];
    }
}
