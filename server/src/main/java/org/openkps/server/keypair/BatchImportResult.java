package org.openkps.server.keypair;

import java.util.List;

/** What a batch stored and what it did not, entry by entry, in request order. */
public record BatchImportResult(List<CreatedKeypair> succeeded, List<Failure> failed) {

    /** An entry that stored nothing; {@code reason} starts with the KPS error code. */
    public record Failure(String name, String reason) {
    }
}
