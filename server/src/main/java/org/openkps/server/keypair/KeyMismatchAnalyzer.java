package org.openkps.server.keypair;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says in one line, without a stack trace, why a server with another fleet's keys does not start. */
class KeyMismatchAnalyzer extends AbstractFailureAnalyzer<KeyMismatchException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, KeyMismatchException cause) {
        if (cause.unfinishedReseal()) {
            return new FailureAnalysis(
                    "A re-seal of the database's hosted private keys under a new master key has not finished, and this "
                            + "server lacks the master key it rotates from; set kps.vault.previous-master-keys to it.",
                    "Start the server with the master key of before the rotation in kps.vault.previous-master-keys, "
                            + "then run POST /_openkps/vault/reseal again.", cause);
        }
        boolean master = cause.keyName().equals(PrivateKeyVault.MASTER_KEY);
        String setting = master ? "kps.vault.master-key" : "kps.kms.keys[N].secret of that key";
        return new FailureAnalysis(
                "The " + cause.keyName() + " of this server is not the one the database's hosted private keys are "
                        + "sealed with; every server on one database needs the same " + setting
                        + (master ? " (during a rotation: the new one, with the old one in kps.vault.previous-master-keys)"
                                : "") + ".",
                "Set " + setting + " to the value the other servers use (base64 of 32 bytes).", cause);
    }
}
