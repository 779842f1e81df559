package org.openkps.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generators read both contracts without a warning (api/DECISIONS.md 37): openapi-generator's command line, the
 * version the build generates with, run over {@code kps.yaml} and {@code admin.yaml} with each generator the project
 * uses (the Java client, the Spring server, the TypeScript client) and their options, prints no WARN and no ERROR.
 * One note is the Java generators' own and no contract can avoid it but by dropping its request examples:
 * {@value #JAVA_BODY_EXAMPLE_NOTE}. The self-test shows the check sees an inline response example.
 */
class GeneratorsQuietTest {

    /** AbstractJavaCodegen says so for every request body that is a model and has an example. */
    static final String JAVA_BODY_EXAMPLE_NOTE = "Ignoring complex example on request body";

    /** A line of the command line's log: {@code [main] WARN  o.o.codegen.utils.ModelUtils - message}. */
    private static final Pattern LOG_LINE = Pattern.compile("^\\[[^\\]]*\\] (WARN|ERROR) +(\\S+) - (.*)$");

    private static final List<String> SPRING = List.of("--library", "spring-boot", "--additional-properties",
            "delegatePattern=true,useSpringBoot4=true,useJackson3=true,useJakartaEe=true,openApiNullable=false,"
                    + "useBeanValidation=true,documentationProvider=none,annotationLibrary=none,useTags=true,"
                    + "generateJsonIncludeAnnotations=true,generateJsonSetterNullsAnnotations=false",
            "--type-mappings", "set=List");
    private static final List<String> JAVA = List.of("--library", "native", "--additional-properties",
            "openApiNullable=false,useJakartaEe=true,annotationLibrary=none,useBeanValidation=false,dateLibrary=java8",
            "--type-mappings", "set=List");
    private static final List<String> TYPESCRIPT = List.of("--additional-properties", "supportsES6=true",
            "--type-mappings", "set=Array");

    @TempDir
    Path dir;

    static Stream<Arguments> runs() {
        Stream.Builder<Arguments> runs = Stream.builder();
        for (String contract : List.of("openkps.contract", "openkps.admin-contract")) {
            runs.add(Arguments.of(contract, "java", JAVA));
            runs.add(Arguments.of(contract, "spring", SPRING));
            runs.add(Arguments.of(contract, "typescript-fetch", TYPESCRIPT));
        }
        return runs.build();
    }

    @ParameterizedTest(name = "{1} over {0}")
    @MethodSource("runs")
    void theGeneratorWarnsOfNothing(String contractProperty, String generator, List<String> options) throws Exception {
        Path contract = Path.of(System.getProperty(contractProperty));
        List<String> warnings = warnings(generate(contract, generator, options));
        if (!generator.equals("typescript-fetch")) {
            warnings.removeIf(w -> w.equals("WARN o.o.c.languages.AbstractJavaCodegen - " + JAVA_BODY_EXAMPLE_NOTE));
        }
        assertThat(warnings).as("what openapi-generator %s says of %s", generator, contract.getFileName()).isEmpty();
    }

    @Test
    void anInlineResponseExampleIsSeen() throws Exception {
        Path contract = dir.resolve("inline.yaml");
        Files.writeString(contract, """
                openapi: 3.0.3
                info: {title: inline, version: '1', license: {name: Apache 2.0}}
                paths:
                  /things:
                    get:
                      operationId: listThings
                      responses:
                        '200':
                          description: The things.
                          content:
                            application/json:
                              schema: {type: object, properties: {name: {type: string}}}
                              examples:
                                some:
                                  value: {name: a}
                """, StandardCharsets.UTF_8);
        assertThat(warnings(generate(contract, "typescript-fetch", TYPESCRIPT)))
                .contains("WARN o.o.codegen.utils.ModelUtils - Failed to get the schema name: null");
    }

    /** The WARN and ERROR lines of a log, as {@code LEVEL logger - message}. */
    private static List<String> warnings(List<String> log) {
        List<String> found = new ArrayList<>();
        for (String line : log) {
            Matcher m = LOG_LINE.matcher(line);
            if (m.matches()) {
                found.add(m.group(1) + " " + m.group(2) + " - " + m.group(3).strip());
            }
        }
        return found;
    }

    /** Generates into a scratch directory and returns what the command line printed. */
    private List<String> generate(Path contract, String generator, List<String> options)
            throws IOException, InterruptedException {
        Path cli = Path.of(System.getProperty("openkps.openapi-generator-cli"));
        assertThat(cli).as("openapi-generator's command line, copied by the build").isRegularFile();
        Path out = Files.createTempDirectory(dir, generator);
        Path log = dir.resolve(generator + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Each message every time: by default a message repeated within a short while is printed once.
                "-Dorg.openapitools.codegen.utils.oncelogger.enabled=false",
                "-jar", cli.toString(), "generate", "-g", generator, "-i", contract.toString(), "-o", out.toString()));
        command.addAll(options);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("openapi-generator " + generator + " did not end within 5 minutes");
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("openapi-generator %s exit status; it printed:%n%s", generator,
                String.join("\n", lines)).isZero();
        return lines;
    }
}
