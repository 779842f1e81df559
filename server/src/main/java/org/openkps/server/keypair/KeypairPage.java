package org.openkps.server.keypair;

import java.util.List;

/** One page of a listing; {@code nextMarker} is null on the last page. */
public record KeypairPage(List<Keypair> keypairs, String nextMarker) {
}
