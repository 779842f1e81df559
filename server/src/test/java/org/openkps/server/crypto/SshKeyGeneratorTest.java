package org.openkps.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class SshKeyGeneratorTest {

    private final SshKeyGenerator generator = new SshKeyGenerator();

    @Test
    void generatesRsa2048WithPkcs1Pem() {
        GeneratedKeyPair generated = generator.generateRsa2048();

        assertThat(((RSAPublicKey) generated.keyPair().getPublic()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(generated.publicKey().algorithm()).isEqualTo("RSA2048");
        assertThat(generated.publicKey().publicKey()).isEqualTo(generated.keyPair().getPublic());

        String pem = generated.privateKeyPem();
        List<String> lines = pem.lines().toList();
        assertThat(lines.get(0)).isEqualTo("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("-----END RSA PRIVATE KEY-----");
        assertThat(pem).endsWith("-----\n").doesNotContain("\r");
        List<String> body = lines.subList(1, lines.size() - 1);
        assertThat(body.subList(0, body.size() - 1)).allSatisfy(l -> assertThat(l).hasSize(64));
        assertThat(body.get(body.size() - 1).length()).isBetween(1, 64);

        assertThat(PrivateKeys.parse(pem)).isEqualTo(generated.keyPair().getPrivate());
        assertThat(PrivateKeys.matches(generated.keyPair().getPrivate(), generated.publicKey().publicKey())).isTrue();
    }

    @Test
    void everyKeyIsNew() {
        assertThat(generator.generateRsa2048().publicKey()).isNotEqualTo(generator.generateRsa2048().publicKey());
    }

    @Test
    void toStringDoesNotRevealThePrivateKey() {
        GeneratedKeyPair generated = generator.generateRsa2048();
        String body = generated.privateKeyPem().lines().skip(1).findFirst().orElseThrow();
        assertThat(generated.toString()).contains("redacted").doesNotContain(body).doesNotContain("PRIVATE KEY-----");
    }

    @Test
    void refusesSizesOutsideTheAcceptedRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> generator.generateRsa(512));
    }
}
