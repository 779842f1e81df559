package org.openkps.server.http.associations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.AssociationApi.accepted;
import static org.openkps.server.support.AssociationApi.password;
import static org.openkps.server.support.AssociationApi.privateKey;
import static org.openkps.server.support.KpsAnswers.assertInvalid;
import static org.openkps.server.support.TestCallers.ALICE;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openkps.server.support.AssociationApi;
import org.openkps.server.support.KeyTools;
import org.openkps.server.support.KpsApi;
import org.openkps.server.support.KpsApi.NewKeypair;
import org.openkps.server.support.TestCallers;
import org.openkps.server.support.TestSshServer;
import org.openkps.server.support.WithEcsServers;

import tools.jackson.databind.JsonNode;

/**
 * Association against real SSH servers ({@link TestSshServer}, MINA SSHD over a temporary home): after
 * an associate the key pair's private key logs in, after a replace only the new one does, after a
 * disassociate neither; every other line of authorized_keys stays; what goes wrong ends the task FAILED
 * with a KPS code and a message that says what, never a secret.
 */
class AssociationOverSshTest extends WithEcsServers {

    /** Someone else's line, which every edit must leave as it is. */
    private static final String FOREIGN_LINE = "no-pty " + KpsApi.ED25519_PUBLIC;

    private AssociationApi tasks;

    @BeforeEach
    void associationApi() {
        tasks = new AssociationApi(api.http());
    }

    @Test
    void associateReplaceDisassociate_theKeyThatLogsInIsTheOneBoundAndOtherLinesStay() {
        TestSshServer ssh = ssh("ssh-cycle");
        ssh.writeAuthorizedKeys(FOREIGN_LINE + "\n");
        Made firstMade = generate("first");
        Made secondMade = generate("second");
        String first = firstMade.privateKey();
        String firstName = firstMade.name();
        String second = secondMade.privateKey();
        String secondName = secondMade.name();
        assertThat(ssh.acceptsLogin(first)).as("before the association").isFalse();

        // Reset: nothing bound yet; the configured password logs in.
        String reset = accepted(tasks.associate(ALICE, firstName, "ssh-cycle", ""));
        assertThat(tasks.awaitEnd(ALICE, reset)).isEqualTo("SUCCESS_RESET");
        assertThat(ssh.acceptsLogin(first)).as("the bound key logs in").isTrue();
        assertThat(ssh.authorizedKeysText()).startsWith(FOREIGN_LINE + "\n").contains(" kps:" + firstName);

        // Replace: needs auth, and a private key given must be the bound key pair's.
        assertThat(assertInvalid(tasks.associate(ALICE, secondName, "ssh-cycle", ""))).contains("server.auth");
        assertThat(assertInvalid(tasks.associate(ALICE, secondName, "ssh-cycle", privateKey(second))))
                .contains("not the private key of key pair '" + firstName + "'")
                .doesNotContain("PRIVATE KEY");
        String replace = accepted(tasks.associate(ALICE, secondName, "ssh-cycle", privateKey(first)));
        assertThat(tasks.awaitEnd(ALICE, replace)).isEqualTo("SUCCESS_RESET");
        assertThat(ssh.acceptsLogin(second)).as("the new key logs in").isTrue();
        assertThat(ssh.acceptsLogin(first)).as("the replaced key no longer does").isFalse();
        assertThat(ssh.authorizedKeysText().lines()).containsExactly(FOREIGN_LINE,
                KeyTools.typeAndBase64(api.detail(ALICE, secondName).path("public_key").asString()) + " kps:" + secondName);

        // Unbind: our line goes, the other stays.
        String unbind = accepted(tasks.disassociate(ALICE, "ssh-cycle", privateKey(second)));
        assertThat(tasks.awaitEnd(ALICE, unbind)).isEqualTo("SUCCESS_UNBIND");
        assertThat(ssh.acceptsLogin(second)).as("after disassociation").isFalse();
        assertThat(ssh.authorizedKeysText()).isEqualTo(FOREIGN_LINE + "\n");
        assertThat(assertInvalid(tasks.disassociate(ALICE, "ssh-cycle", ""))).contains("has no key pair bound");
    }

    @Test
    void aMissingSshDirectoryAndFileAreCreatedOwnerOnly() {
        TestSshServer ssh = ssh("ssh-file");
        Made made = generate("fresh-home");
        String key = made.privateKey();

        assertThat(tasks.awaitEnd(ALICE, accepted(tasks.associate(ALICE, made.name(), "ssh-file", password(PASSWORD)))))
                .isEqualTo("SUCCESS_RESET");

        assertThat(ssh.permissions(ssh.authorizedKeys().getParent())).isEqualTo("rwx------");
        assertThat(ssh.permissions(ssh.authorizedKeys())).isEqualTo("rw-------");
        assertThat(ssh.authorizedKeysText().lines()).hasSize(1);
        assertThat(ssh.acceptsLogin(key)).isTrue();
    }

    @Test
    void aPinnedHostKeyAndAnImportedOpenSshEd25519Key() {
        KeyTools.SshKey key = KeyTools.fresh("ed25519", 0, null);
        String name = TestCallers.uniqueName("imported");
        api.created(ALICE, NewKeypair.named(name).publicKey(key.publicLine()));

        assertThat(assertInvalid(tasks.associate(ALICE, name, "ssh-pinned", "")))
                .contains("no password configured").contains("server.auth");
        String task = accepted(tasks.associate(ALICE, name, "ssh-pinned", password(PASSWORD)));

        assertThat(tasks.awaitEnd(ALICE, task)).isEqualTo("SUCCESS_RESET");
        assertThat(ssh("ssh-pinned").acceptsLogin(key.privateKey())).isTrue();
    }

    @Test
    void theFirstHostKeyIsRemembered_anotherOneLaterFailsTheTaskAndChangesNothing() {
        TestSshServer ssh = ssh("ssh-tofu");
        Made tofu = generate("tofu");
        String first = tofu.privateKey();
        assertThat(tasks.awaitEnd(ALICE, accepted(tasks.associate(ALICE, tofu.name(), "ssh-tofu", ""))))
                .isEqualTo("SUCCESS_RESET");
        String before = ssh.authorizedKeysText();
        String previous = ssh.hostKeyFingerprint();
        ssh.replaceHostKey();
        Made next = generate("tofu-next");

        String task = accepted(tasks.associate(ALICE, next.name(), "ssh-tofu", password(PASSWORD)));

        JsonNode failed = failedWith(task, "KPS.6009");
        assertThat(failed.path("task_error_msg").asString()).contains("host key", ssh.hostKeyFingerprint(), previous);
        assertThat(failed.path("operate_type").asString()).isEqualTo("FAILED_REPLACE");
        assertThat(ssh.authorizedKeysText()).isEqualTo(before);
        assertThat(ssh.acceptsLogin(first)).isTrue();
    }

    @Test
    void aRefusedLoginFailsTheTask_theMessageSaysSoWithoutThePassword() {
        String wrong = "not-" + PASSWORD;
        Made made = generate("refused");
        int loginsBefore = ssh("ssh-wrong-password").acceptedLogins();

        String task = accepted(tasks.associate(ALICE, made.name(), "ssh-wrong-password", password(wrong)));

        JsonNode failed = failedWith(task, "KPS.6009");
        assertThat(failed.path("task_error_msg").asString())
                .contains("refused the login of 'root' with the password given").doesNotContain(wrong);
        assertThat(failed.path("keypair_name").asString()).isEqualTo(made.name());
        assertThat(failed.path("server_id").asString()).isEqualTo("ssh-wrong-password");
        assertThat(failed.path("server_name").asString()).as("the id, when no name is configured").isEqualTo("ssh-wrong-password");
        assertThat(Long.parseLong(failed.path("task_time").asString())).isGreaterThan(1_700_000_000_000L);
        assertThat(ssh("ssh-wrong-password").acceptedLogins()).isEqualTo(loginsBefore);
        assertThat(ssh("ssh-wrong-password").authorizedKeysText()).isEmpty();
    }

    @Test
    void aConfiguredHostKeyThatDoesNotMatchFailsTheTaskBeforeAnyLogin() {
        Made made = generate("pinned-wrong");

        String task = accepted(tasks.associate(ALICE, made.name(), WRONG_HOST_KEY, ""));

        JsonNode failed = failedWith(task, "KPS.6009");
        assertThat(failed.path("task_error_msg").asString()).contains("host key")
                .contains(ssh(WRONG_HOST_KEY).hostKeyFingerprint()).doesNotContain(PASSWORD);
        assertThat(ssh(WRONG_HOST_KEY).acceptedLogins()).isZero();
    }

    @Test
    void anUnreachableHostFailsTheTaskWithKps0003() {
        Made made = generate("refusing");

        String task = accepted(tasks.associate(ALICE, made.name(), REFUSING, ""));

        JsonNode failed = failedWith(task, "KPS.0003");
        assertThat(failed.path("task_error_msg").asString()).contains("connection was refused");
    }

    @Test
    void aHostThatNeverAnswersFailsTheTaskAfterTheSshTimeout() {
        Made made = generate("silent");

        String task = accepted(tasks.associate(ALICE, made.name(), SILENT, ""));

        JsonNode failed = failedWith(task, "KPS.0003");
        assertThat(failed.path("task_error_msg").asString()).contains("took longer than " + SSH_TIMEOUT);
    }

    @Test
    void theRequestsPortOverridesTheInventorys() {
        Made made = generate("port");
        int closed = refusingPort();

        String task = accepted(tasks.associate(ALICE, made.name(), "ssh-no-auth",
                password(PASSWORD) + ", \"port\": " + closed));

        assertThat(tasks.awaitEnd(ALICE, task)).isEqualTo("FAILED_RESET");
        assertThat(tasks.failedEntry(ALICE, task).path("task_error_msg").asString()).contains("127.0.0.1:" + closed + ")");
    }

    /** A key pair made by KPS: its name and its private key (PKCS#1 PEM). */
    private record Made(String name, String privateKey) {
    }

    private Made generate(String prefix) {
        JsonNode created = api.generate(ALICE, TestCallers.uniqueName(prefix));
        return new Made(created.path("name").asString(), created.path("private_key").asString());
    }

    /** Waits for the task to end as FAILED_RESET and returns its failed-task entry, whose error code is {@code code}. */
    private JsonNode failedWith(String task, String code) {
        assertThat(tasks.awaitEnd(ALICE, task)).isEqualTo("FAILED_RESET");
        JsonNode failed = tasks.failedEntry(ALICE, task);
        assertThat(failed.path("task_error_code").asString()).isEqualTo(code);
        return failed;
    }
}
