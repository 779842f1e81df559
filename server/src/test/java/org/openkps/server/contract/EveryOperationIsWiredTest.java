package org.openkps.server.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.TestCallers.ALICE;

import org.junit.jupiter.api.Test;
import org.openkps.server.support.KpsHttp;
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
        KpsHttp http = new KpsHttp(port);
        String name = TestCallers.uniqueName("wired");
        String hosted = "{\"keypair\":{\"name\":\"" + name + "\",\"key_protection\":{\"encryption\":{\"type\":\"default\"}}}}";

        var created = http.post(ALICE, "keypairs", hosted);
        assertThat(created.status()).isEqualTo(200);
        String privateKey = created.json().path("keypair").path("private_key").asString();

        assertThat(http.get(ALICE, "keypairs?limit=1").status()).isEqualTo(200);
        assertThat(http.get(ALICE, "keypairs/" + name).status()).isEqualTo(200);
        assertThat(http.put(ALICE, "keypairs/" + name, "{\"keypair\":{\"description\":\"wired\"}}").status()).isEqualTo(200);
        assertThat(http.post(ALICE, "keypairs/private-key/export", "{\"keypair\":{\"name\":\"" + name + "\"}}").status())
                .isEqualTo(200);
        assertThat(http.post(ALICE, "keypairs/private-key/batch-export", "[{\"keypair\":{\"name\":\"" + name + "\"}}]").status())
                .isEqualTo(200);
        assertThat(http.delete(ALICE, "keypairs/" + name + "/private-key").status()).isEqualTo(200);
        String importBody = """
                {"keypair":{"name":"%s","key_protection":{"private_key":%s,"encryption":{"type":"default"}}}}"""
                .formatted(name, quote(privateKey));
        assertThat(http.post(ALICE, "keypairs/private-key/import", importBody).status()).isEqualTo(200);
        assertThat(http.post(ALICE, "keypairs/batch-import", "[{\"keypair\":{\"name\":\"" + name + "-b\"}}]").status())
                .isEqualTo(200);
        assertThat(http.delete(ALICE, "keypairs/" + name).status()).isEqualTo(204);
        assertThat(http.delete(ALICE, "keypairs/" + name + "-b").status()).isEqualTo(204);

        assertThat(SpecConformance.checkedCount()).isPositive();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
