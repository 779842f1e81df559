package org.openkps.server.http.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.assertError;
import static org.openkps.server.support.KpsAnswers.okKeypair;
import static org.openkps.server.support.TestCallers.ALICE;
import static org.openkps.server.support.TestCallers.PROJECT;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openkps.client.invoker.ApiException;
import org.openkps.client.model.CreateKeypairAction;
import org.openkps.client.model.CreateKeypairRequest;
import org.openkps.client.model.CreatedKeypair;
import org.openkps.client.model.KeypairDetail;
import org.openkps.client.model.KeypairType;
import org.openkps.server.support.Json;
import org.openkps.server.support.KeyTools;
import org.openkps.server.support.KpsApiTest;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.TestCallers;

import tools.jackson.databind.JsonNode;

/** createKeypair without a public key: what it hands out must be what ssh-keygen and openssl say it is. */
@KpsServerTest
class CreateKeypairTest extends KpsApiTest {

    private static final String PKCS1_BEGIN = "-----BEGIN RSA PRIVATE KEY-----\n";
    private static final String PKCS1_END = "-----END RSA PRIVATE KEY-----\n";

    @TempDir
    Path dir;

    @Test
    void createdSshKeyPairIsAnRsa2048KeyPairWhoseHalvesMatchAsSshKeygenSeesThem() {
        String name = TestCallers.uniqueName("create-ssh");

        JsonNode created = okKeypair(api.create(ALICE, "\"name\": " + Json.str(name)));

        String privateKey = created.path("private_key").asString();
        String publicKey = created.path("public_key").asString();
        assertThat(created.path("name").asString()).isEqualTo(name);
        assertThat(created.path("type").asString()).isEqualTo("ssh");
        assertThat(created.path("user_id").asString()).as("user_id defaults to the caller's").isEqualTo(ALICE.userId());
        assertThat(privateKey).startsWith(PKCS1_BEGIN).endsWith(PKCS1_END);
        assertThat(publicKey).startsWith("ssh-rsa AAAA");

        Path keyFile = KeyTools.writeSecret(dir.resolve("created"), privateKey);
        assertThat(KeyTools.run(dir, "openssl", "rsa", "-check", "-noout", "-in", keyFile.toString()))
                .as("openssl reads the PKCS#1 key and finds it consistent").contains("RSA key ok");
        assertThat(KeyTools.sshPublicOf(dir, keyFile)).isEqualTo(KeyTools.typeAndBase64(publicKey));
        Path publicFile = KeyTools.write(dir.resolve("created.pub"), publicKey + "\n");
        assertThat(KeyTools.sshMd5(dir, publicFile)).isEqualTo(created.path("fingerprint").asString());
        assertThat(KeyTools.sshBits(dir, publicFile)).isEqualTo(2048);

        JsonNode shown = okKeypair(api.show(ALICE, name));
        assertThat(shown.path("public_key").asString()).isEqualTo(publicKey);
        assertThat(shown.path("fingerprint").asString()).isEqualTo(created.path("fingerprint").asString());
        assertThat(shown.path("algorithm").asString()).isEqualTo("RSA2048");
        assertThat(shown.path("scope").asString()).isEqualTo("user");
        assertThat(shown.path("is_key_protection").asBoolean()).isFalse();
        assertError(api.exportPrivateKey(ALICE, name), 400, "KPS.6005");
    }

    @Test
    void createdX509KeyPairIsASelfSignedCertificateOfTheReturnedPrivateKey() throws ApiException {
        String name = TestCallers.uniqueName("create-x509");

        CreatedKeypair created = createX509(name);

        assertThat(created.getType()).isEqualTo(KeypairType.X509);
        assertThat(created.getUserId()).as("user_id defaults to the caller's").isEqualTo(ALICE.userId());
        assertThat(created.getPrivateKey()).startsWith(PKCS1_BEGIN).endsWith(PKCS1_END);
        assertThat(created.getPublicKey()).startsWith("-----BEGIN CERTIFICATE-----\n")
                .endsWith("-----END CERTIFICATE-----\n");

        Path certificate = KeyTools.write(dir.resolve("cert.pem"), created.getPublicKey());
        Path keyFile = KeyTools.writeSecret(dir.resolve("cert.key"), created.getPrivateKey());
        assertThat(KeyTools.opensslSha1(dir, certificate)).isEqualTo(created.getFingerprint());
        assertThat(KeyTools.run(dir, "openssl", "verify", "-CAfile", certificate.toString(), certificate.toString()))
                .as("the certificate is signed by its own key").contains("OK");
        assertThat(KeyTools.run(dir, "openssl", "x509", "-noout", "-modulus", "-in", certificate.toString()))
                .as("the certificate's key is the returned private key")
                .isEqualTo(KeyTools.run(dir, "openssl", "rsa", "-noout", "-modulus", "-in", keyFile.toString()));
        assertThat(KeyTools.run(dir, "openssl", "x509", "-noout", "-subject", "-nameopt", "RFC2253", "-in",
                certificate.toString())).contains("CN=" + name);

        KeypairDetail shown = api.client(ALICE).keypairs().showKeypair(PROJECT, name).getKeypair();
        assertThat(shown.getType()).isEqualTo(KeypairType.X509);
        assertThat(shown.getFingerprint()).isEqualTo(created.getFingerprint());
        assertThat(shown.getAlgorithm()).isEqualTo("RSA2048");
    }

    @Test
    void x509KeyPairMayHaveAnyValidName() throws ApiException {
        String name = TestCallers.uniqueName("x509-long-name-" + "n".repeat(100));

        CreatedKeypair created = createX509(name);

        assertThat(created.getName()).isEqualTo(name);
        Path certificate = KeyTools.write(dir.resolve("long.pem"), created.getPublicKey());
        assertThat(KeyTools.opensslSha1(dir, certificate)).isEqualTo(created.getFingerprint());
    }

    private CreatedKeypair createX509(String name) throws ApiException {
        return api.client(ALICE).keypairs().createKeypair(PROJECT, new CreateKeypairRequest()
                .keypair(new CreateKeypairAction().name(name).type(KeypairType.X509))).getKeypair();
    }
}
