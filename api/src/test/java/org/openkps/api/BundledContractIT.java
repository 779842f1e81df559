package org.openkps.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged api jar carries the contract twice, {@code openapi/kps.yaml} and
 * {@code openapi/kps.json}, and they are the same contract.
 */
class BundledContractIT {

    static final Path JAR = Path.of(System.getProperty("openkps.jar", "target/openkps-api.jar"));
    static final Path SOURCE = Path.of(System.getProperty("openkps.contract", "src/main/resources/openapi/kps.yaml"));

    static String yaml;
    static String json;

    @BeforeAll
    static void readTheJar() throws IOException {
        assertThat(JAR).as("the packaged api jar").isRegularFile();
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            yaml = entry(jar, "openapi/kps.yaml");
            json = entry(jar, "openapi/kps.json");
        }
    }

    @Test
    void theJsonIsStrictJsonWithTheSameNodesAsTheYamlSource() throws IOException {
        JsonNode fromJson = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .readTree(json);
        JsonNode fromYaml = new YAMLMapper().readTree(Files.readString(SOURCE, StandardCharsets.UTF_8));

        assertThat(fromJson.path("openapi").asText()).isEqualTo("3.0.3");
        assertThat(fromJson).isEqualTo(fromYaml);
        assertThat(yaml).isEqualTo(Files.readString(SOURCE, StandardCharsets.UTF_8));
    }

    @Test
    void anOpenApiParserReadsTheJsonWithoutAComplaint() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(json, null, options);

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getPaths()).hasSize(new OpenAPIV3Parser().readContents(yaml, null, options)
                .getOpenAPI().getPaths().size());
    }

    @Test
    void openapiDiffSeesNoBreakEitherWay(@TempDir Path dir) throws IOException {
        Path y = Files.writeString(dir.resolve("kps.yaml"), yaml, StandardCharsets.UTF_8);
        Path j = Files.writeString(dir.resolve("kps.json"), json, StandardCharsets.UTF_8);

        assertThat(ContractCompatibility.compare(y, j).isIncompatible()).isFalse();
        assertThat(ContractCompatibility.compare(j, y).isIncompatible()).isFalse();
    }

    private static String entry(ZipFile jar, String name) throws IOException {
        ZipEntry entry = jar.getEntry(name);
        assertThat(entry).as(name + " in " + JAR).isNotNull();
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
