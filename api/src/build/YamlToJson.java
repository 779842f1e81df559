import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step of the api module (run by exec-maven-plugin as a single-file Java program, never
 * shipped): writes the contract's YAML as JSON, node for node, so that the jar carries
 * {@code openapi/kps.json} beside {@code openapi/kps.yaml}.
 *
 * <p>Usage: {@code java -cp <jackson> YamlToJson.java <in.yaml> <out.json>}
 */
public class YamlToJson {

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: YamlToJson <in.yaml> <out.json>");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        JsonNode contract = new YAMLMapper().readTree(in.toFile());
        if (contract == null || !contract.isObject() || !contract.has("openapi")) {
            throw new IOException(in + " is not an OpenAPI document");
        }
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        String json = new ObjectMapper().writer(pretty).writeValueAsString(contract) + "\n";
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, json, StandardCharsets.UTF_8);
    }
}
