package org.openkps.server.http.keypairs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.assertError;
import static org.openkps.server.support.KpsAnswers.assertNotFound;
import static org.openkps.server.support.KpsApi.DEFAULT;
import static org.openkps.server.support.KpsApi.KMS_BY_ID;
import static org.openkps.server.support.TestCallers.ALICE;

import org.junit.jupiter.api.Test;
import org.openkps.server.support.KeyTools;
import org.openkps.server.support.KeyTools.SshKey;
import org.openkps.server.support.KpsApi.NewKeypair;
import org.openkps.server.support.KpsApiTest;
import org.openkps.server.support.KpsHttp.Result;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.TestCallers;

/** exportPrivateKey: exactly the hosted private key, or KPS.6005 when none is hosted. */
@KpsServerTest
class ExportPrivateKeyTest extends KpsApiTest {

    private final String name = TestCallers.uniqueName("export");

    @Test
    void returnsTheKeyGeneratedAndHostedAtCreateTime() {
        String privateKey = api.generateHosted(ALICE, name, KMS_BY_ID).path("private_key").asString();

        assertThat(privateKey).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(api.exported(ALICE, name)).isEqualTo(privateKey);
    }

    @Test
    void returnsAnOpenSshKeyImportedAtCreateTimeByteForByte() {
        SshKey key = KeyTools.rsa4096();
        api.created(ALICE, NewKeypair.named(name).imported(key, DEFAULT));

        assertThat(api.exported(ALICE, name)).isEqualTo(key.privateKey());
    }

    @Test
    void returnsAKeyWithWindowsLineEndingsByteForByte() {
        SshKey key = KeyTools.ecdsa384();
        String crlf = key.privateKey().replace("\n", "\r\n");
        api.created(ALICE, NewKeypair.named(name).imported(key.publicLine(), crlf, DEFAULT));

        assertThat(api.exported(ALICE, name)).isEqualTo(crlf);
    }

    @Test
    void aKeypairWithoutHostedKeyIs6005() {
        api.generate(ALICE, name);

        Result answer = api.exportPrivateKey(ALICE, name);

        assertError(answer, 400, "KPS.6005");
        assertThat(answer.errorMsg()).contains(name);
    }

    @Test
    void aMissingKeypairIs404() {
        assertNotFound(api.exportPrivateKey(ALICE, name), name);
    }
}
