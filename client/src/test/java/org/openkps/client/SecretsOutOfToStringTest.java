package org.openkps.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.client.KpsStubs.RSA_PRIVATE_KEY;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openkps.client.model.AssociateKeypairRequest;
import org.openkps.client.model.CreateKeypairAction;
import org.openkps.client.model.CreateKeypairRequest;
import org.openkps.client.model.CreateKeypairResponse;
import org.openkps.client.model.CreatedKeypair;
import org.openkps.client.model.EcsServer;
import org.openkps.client.model.ExportPrivateKeyResponse;
import org.openkps.client.model.ExportedPrivateKey;
import org.openkps.client.model.ImportPrivateKeyAction;
import org.openkps.client.model.ImportPrivateKeyRequest;
import org.openkps.client.model.KeyProtection;
import org.openkps.client.model.PrivateKeyImport;
import org.openkps.client.model.ServerAuth;
import org.openkps.client.model.ServerAuthType;

/**
 * A model that a caller logs (or an assertion library prints) never shows a private key or a
 * server's password: the contract marks those strings {@code format: password}, and the generated
 * {@code toString()} prints {@code *} for them.
 */
class SecretsOutOfToStringTest {

    private static final String PASSWORD = "Sample#Passw0rd";

    static Stream<Object> modelsCarryingSecrets() {
        return Stream.of(
                new CreateKeypairRequest().keypair(new CreateKeypairAction().name("deploy")
                        .keyProtection(new KeyProtection().privateKey(RSA_PRIVATE_KEY))),
                new CreateKeypairResponse().keypair(new CreatedKeypair().name("deploy").privateKey(RSA_PRIVATE_KEY)),
                new ImportPrivateKeyRequest().keypair(new ImportPrivateKeyAction().name("deploy")
                        .keyProtection(new PrivateKeyImport().privateKey(RSA_PRIVATE_KEY))),
                new ExportPrivateKeyResponse().keypair(new ExportedPrivateKey().name("deploy").privateKey(RSA_PRIVATE_KEY)),
                new AssociateKeypairRequest().keypairName("deploy").server(new EcsServer()
                        .id("0f4c3a9e-8b7d-4c6e-9a1b-2c3d4e5f6a7b")
                        .auth(new ServerAuth().type(ServerAuthType.PASSWORD).key(PASSWORD))),
                new AssociateKeypairRequest().keypairName("deploy").server(new EcsServer()
                        .id("0f4c3a9e-8b7d-4c6e-9a1b-2c3d4e5f6a7b")
                        .auth(new ServerAuth().type(ServerAuthType.KEYPAIR).key(RSA_PRIVATE_KEY))));
    }

    @ParameterizedTest
    @MethodSource("modelsCarryingSecrets")
    void toStringShowsNeitherPrivateKeysNorPasswords(Object model) {
        String printed = model.toString();

        assertThat(printed).contains("deploy").doesNotContain(PASSWORD).doesNotContain("PRIVATE KEY");
        for (String line : RSA_PRIVATE_KEY.split("\n")) {
            assertThat(printed).doesNotContain(line);
        }
    }
}
