package org.openkps.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;

/**
 * The contract never breaks its consumers: {@code kps.yaml} must be compatible with the last
 * released contract, {@code api/baseline/kps.yaml}. Additions pass; a removal, a narrowing or a
 * new requirement fails the build with openapi-diff's report (see DECISIONS.md on moving the
 * baseline for a deliberate break).
 */
class ContractCompatibilityTest {

    static final Path CONTRACT = Path.of(System.getProperty("openkps.contract", "src/main/resources/openapi/kps.yaml"));
    static final Path BASELINE = Path.of(System.getProperty("openkps.baseline", "baseline/kps.yaml"));

    @Test
    void theContractKeepsEveryPromiseOfTheReleasedOne() {
        assertThat(BASELINE).as("the released contract").isRegularFile();
        assertThat(CONTRACT).as("the contract").isRegularFile();

        ChangedOpenApi diff = ContractCompatibility.compare(BASELINE, CONTRACT);

        if (diff.isIncompatible()) {
            fail(ContractCompatibility.incompatibility(diff, BASELINE, CONTRACT));
        }
    }
}
