package org.openkps.server.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsApi.DEFAULT;
import static org.openkps.server.support.TestCallers.ALICE;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openkps.server.support.AdminApi;
import org.openkps.server.support.AssociationApi;
import org.openkps.server.support.KpsApi;
import org.openkps.server.support.KpsHttp;
import org.openkps.server.support.KpsApi.NewKeypair;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.SpecConformance;
import org.openkps.server.support.TestCallers;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Calls each operation of the contract once: none may answer 501 (a delegate that is not wired),
 * and every answer is checked against the contract by the filter that sees all responses.
 */
@KpsServerTest
class EveryOperationIsWiredTest {

    @LocalServerPort
    int port;

    @Test
    void everyOperationAnswersSomethingOtherThan501() {
        KpsApi api = new KpsApi(port);
        String name = TestCallers.uniqueName("wired");

        var created = api.create(ALICE, NewKeypair.named(name).hosted(DEFAULT));
        assertThat(created.status()).isEqualTo(200);
        String privateKey = created.json().path("keypair").path("private_key").asString();

        assertThat(api.list(ALICE, "limit=1").status()).isEqualTo(200);
        assertThat(api.show(ALICE, name).status()).isEqualTo(200);
        assertThat(api.updateDescription(ALICE, name, "wired").status()).isEqualTo(200);
        assertThat(api.exportPrivateKey(ALICE, name).status()).isEqualTo(200);
        assertThat(api.batchExport(ALICE, name).status()).isEqualTo(200);
        assertThat(api.clearPrivateKey(ALICE, name).status()).isEqualTo(200);
        assertThat(api.importPrivateKey(ALICE, name, privateKey, DEFAULT).status()).isEqualTo(200);
        assertThat(api.batchImport(ALICE, List.of(NewKeypair.named(name + "-b"))).status()).isEqualTo(200);

        // Association, on the bookkeeping server of application-test.yaml.
        AssociationApi tasks = new AssociationApi(api.http());
        String bind = AssociationApi.accepted(tasks.associate(ALICE, name, "book-wired", ""));
        assertThat(tasks.running(ALICE, "limit=10&offset=0").status()).isEqualTo(200);
        assertThat(tasks.awaitEnd(ALICE, bind)).isEqualTo("SUCCESS_RESET");
        String unbind = AssociationApi.accepted(tasks.disassociate(ALICE, "book-wired", ""));
        assertThat(tasks.awaitEnd(ALICE, unbind)).isEqualTo("SUCCESS_UNBIND");
        assertThat(tasks.batchAssociate(ALICE, List.of(AssociationApi.association(name, "no-such-server", "")))
                .status()).isEqualTo(202);
        assertThat(tasks.failed(ALICE, "").status()).isEqualTo(200);
        assertThat(tasks.deleteFailed(ALICE, bind).status()).isEqualTo(404);
        assertThat(tasks.deleteAllFailed(ALICE).status()).isEqualTo(200);
        assertThat(api.delete(ALICE, name).status()).isEqualTo(204);
        assertThat(api.delete(ALICE, name + "-b").status()).isEqualTo(204);

        assertThat(SpecConformance.checkedCount()).isPositive();
    }

    @Test
    void everyAdminOperationAnswersSomethingOtherThan501() {
        AdminApi admin = new AdminApi(new KpsHttp(port), AdminApi.TEST_TOKEN);

        assertThat(admin.health().status()).isEqualTo(200);
        assertThat(admin.reset(TestCallers.uniqueName("nobody")).status()).isEqualTo(204);
        assertThat(admin.putFaults("{\"operation\": \"showKeypair\", \"project_id\": \"nobody\"}").status()).isEqualTo(200);
        assertThat(admin.faults().status()).isEqualTo(200);
        assertThat(admin.clearFaults().status()).isEqualTo(204);
    }
}
