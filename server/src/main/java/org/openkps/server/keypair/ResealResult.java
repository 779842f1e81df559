package org.openkps.server.keypair;

/**
 * What a re-seal did.
 *
 * @param resealed       hosted private keys whose data key it wrapped under the current master key
 * @param alreadyCurrent hosted private keys ({@code default}) that already were under it
 * @param unreadable     hosted private keys ({@code default}) that none of this server's master keys opens, left as they are
 * @param masterKeyRecorded whether it recorded the current master key as the one the store seals with (the
 *                          first re-seal of a rotation); false when the store already recorded it
 */
public record ResealResult(int resealed, int alreadyCurrent, int unreadable, boolean masterKeyRecorded) {
}
