package org.openkps.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openkps.server.http.KpsOperations.Operation;

/** The operations read from kps.yaml, and which one a request is. */
class KpsOperationsTest {

    private static final KpsOperations OPERATIONS = KpsOperations.fromContract();

    @Test
    void everyOperationOfTheContractIsThere() {
        assertThat(OPERATIONS.all()).extracting(Operation::id).containsExactlyInAnyOrder(
                "createKeypair", "listKeypairs", "showKeypair", "updateKeypairDescription", "deleteKeypair",
                "batchImportKeypairs", "importPrivateKey", "exportPrivateKey", "batchExportPrivateKeys",
                "clearPrivateKey", "associateKeypair", "batchAssociateKeypairs", "disassociateKeypair",
                "showKeypairTask", "listRunningTasks", "listFailedTasks", "deleteAllFailedTasks", "deleteFailedTask");
    }

    @ParameterizedTest
    @CsvSource({
            "POST,   /v3/p1/keypairs,                           createKeypair",
            "GET,    /v3/p1/keypairs,                           listKeypairs",
            "GET,    /v3/p1/keypairs/demo,                      showKeypair",
            "PUT,    /v3/p1/keypairs/demo,                      updateKeypairDescription",
            "DELETE, /v3/p1/keypairs/demo,                      deleteKeypair",
            "POST,   /v3/p1/keypairs/batch-import,              batchImportKeypairs",
            "POST,   /v3/p1/keypairs/private-key/import,        importPrivateKey",
            "POST,   /v3/p1/keypairs/private-key/export,        exportPrivateKey",
            "POST,   /v3/p1/keypairs/private-key/batch-export,  batchExportPrivateKeys",
            "DELETE, /v3/p1/keypairs/demo/private-key,          clearPrivateKey",
            "POST,   /v3/p1/keypairs/associate,                 associateKeypair",
            "POST,   /v3/p1/keypairs/batch-associate,           batchAssociateKeypairs",
            "POST,   /v3/p1/keypairs/disassociate,              disassociateKeypair",
            "GET,    /v3/p1/tasks/t1,                           showKeypairTask",
            "GET,    /v3/p1/running-tasks,                      listRunningTasks",
            "GET,    /v3/p1/failed-tasks,                       listFailedTasks",
            "DELETE, /v3/p1/failed-tasks,                       deleteAllFailedTasks",
            "DELETE, /v3/p1/failed-tasks/t1,                    deleteFailedTask",
            "GET,    /v3/p1/keypairs/batch-import,              showKeypair"})
    void aRequestIsTheOperationOfItsMethodAndPath(String method, String path, String operation) {
        assertThat(OPERATIONS.of(method, path)).map(Operation::id).contains(operation);
    }

    @ParameterizedTest
    @CsvSource({"POST, /v3/p1/keypairs/demo", "GET, /v3/p1/keypairs/demo/private-key", "GET, /v3/p1",
            "GET, /v3/p1/keypairs/", "GET, /_openkps/health"})
    void aRequestOutsideTheContractIsNoOperation(String method, String path) {
        assertThat(OPERATIONS.of(method, path)).isEqualTo(Optional.empty());
    }

    @Test
    void eachOperationDeclaresTheGatewaysStatuses() {
        assertThat(OPERATIONS.all()).allSatisfy(o -> assertThat(o.statuses()).contains(429, 500, 503));
        assertThat(OPERATIONS.named("showKeypair").orElseThrow().declaredErrors())
                .isEqualTo("400, 401, 403, 404, 406, 429, 500, 503");
    }
}
