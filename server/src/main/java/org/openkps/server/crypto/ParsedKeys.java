package org.openkps.server.crypto;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.openkps.server.keypair.KeyMaterial;
import org.openkps.server.keypair.KeypairType;

/**
 * Public keys read recently, by their exact text: a test suite imports its one fixture key under many
 * names, and checking that an Ed25519 or ECDSA key is a point of its curve is most of the work of an import.
 * Only keys that were read successfully are kept (never a private key), at most {@link #CAPACITY} of them,
 * each at most {@link #MAX_TEXT} characters long.
 */
final class ParsedKeys {

    static final int CAPACITY = 1024;
    static final int MAX_TEXT = 4096;

    private final Map<String, KeyMaterial> ssh = new ConcurrentHashMap<>();
    private final Map<String, KeyMaterial> x509 = new ConcurrentHashMap<>();

    KeyMaterial get(KeypairType type, String text, Supplier<KeyMaterial> parser) {
        if (text.length() > MAX_TEXT) {
            return parser.get();
        }
        Map<String, KeyMaterial> known = type == KeypairType.X509 ? x509 : ssh;
        KeyMaterial material = known.get(text);
        if (material == null) {
            material = parser.get();
            if (known.size() >= CAPACITY) {
                known.clear(); // the simplest bound: start afresh; the keys in use come back at once
            }
            known.put(text, material);
        }
        return material;
    }
}
