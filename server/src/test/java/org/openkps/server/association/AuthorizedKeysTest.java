package org.openkps.server.association;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The authorized_keys rule and the statuses KPS reports, without a server. */
class AuthorizedKeysTest {

    private static final String OLD = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDold old@laptop";
    private static final String NEW = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINew new@laptop";
    private static final String OTHER = "command=\"echo hi\",no-pty ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOther someone";

    @Test
    void addingToNothingMakesOneLineWithOurComment() {
        assertThat(AuthorizedKeys.edit("", null, NEW, "kps:new"))
                .isEqualTo("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINew kps:new\n");
    }

    @Test
    void replacingRemovesTheOldKeysLinesWhateverTheirOptionsAndKeepsEveryOtherLine() {
        String file = "# managed by hand\n" + OTHER + "\n" + "no-pty " + OLD + "\n\n" + OLD + "\n";

        String edited = AuthorizedKeys.edit(file, OLD, NEW, "kps:new");

        assertThat(edited).isEqualTo("# managed by hand\n" + OTHER + "\n\n"
                + "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINew kps:new\n");
    }

    @Test
    void theNewKeyIsNeverListedTwice() {
        String file = NEW + "\n" + OTHER;

        assertThat(AuthorizedKeys.edit(file, null, NEW, "kps:new"))
                .isEqualTo(OTHER + "\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINew kps:new\n");
    }

    @Test
    void unbindingRemovesOnlyOurLine_aCommentMentioningTheBlobStays() {
        String file = OTHER + "\n" + OLD + "\n";

        assertThat(AuthorizedKeys.edit(file, OLD, null, "unused")).isEqualTo(OTHER + "\n");
        assertThat(AuthorizedKeys.edit("# AAAAB3NzaC1yc2EAAAADAQABAAAAgQDold\n", OLD, null, "x"))
                .isEqualTo("# AAAAB3NzaC1yc2EAAAADAQABAAAAgQDold\n");
        assertThat(AuthorizedKeys.edit(OLD + "\n", OLD, null, "x")).isEmpty();
    }

    @Test
    void aReplaceRunsAsReplaceAndEndsAsReset_theFailedListNamesTheOperation() {
        Task ready = new Task("t", "p", "u", "s", "s", "k", Operation.REPLACE, Phase.READY, null, null, 1, 1, null, null);

        assertThat(ready.status()).isEqualTo("READY_REPLACE");
        assertThat(ready.operateType()).isEqualTo("READY_REPLACE");
        assertThat(ready.ended(Phase.SUCCESS, null, null, 2).status()).isEqualTo("SUCCESS_RESET");
        Task failed = ready.ended(Phase.FAILED, "KPS.0003", "unreachable", 2);
        assertThat(failed.status()).isEqualTo("FAILED_RESET");
        assertThat(failed.operateType()).isEqualTo("FAILED_REPLACE");
        Task unbind = new Task("t", "p", "u", "s", "s", "k", Operation.UNBIND, Phase.RUNNING, null, null, 1, 1, null, null);
        assertThat(unbind.status()).isEqualTo("RUNNING_UNBIND");
        assertThat(unbind.ended(Phase.FAILED, "KPS.0003", "x", 2).status()).isEqualTo("FAILED_UNBIND");
    }

    @Test
    void aSecretNeverPrintsItself() {
        Secret secret = new Secret("hunter2");

        assertThat(secret.toString()).doesNotContain("hunter2");
        assertThat(new LoginCredential.Password(secret).toString()).doesNotContain("hunter2");
        assertThat(new AssociationRequest("k", "s", new LoginCredential.PrivateKey(secret), null, null).toString())
                .doesNotContain("hunter2");
    }
}
