package org.openkps.server.http;

import java.util.List;
import java.util.Optional;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;

/**
 * The contracts this server publishes, as the build made them: {@code openapi/kps.yaml} and
 * {@code openapi/kps.json} from the {@code openkps-api} jar, and the admin contract beside them when
 * a jar on the classpath carries one. Nothing else of the classpath is ever served.
 */
final class PublishedContracts {

    static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    /** The contract files that may be published, in the order the reference offers them. */
    private static final List<Contract> CANDIDATES = List.of(
            new Contract("kps.yaml", "KPS v3", YAML),
            new Contract("kps.json", "KPS v3 (JSON)", MediaType.APPLICATION_JSON),
            new Contract("admin.yaml", "openkps administration", YAML),
            new Contract("admin.json", "openkps administration (JSON)", MediaType.APPLICATION_JSON));

    /** One published contract file: {@code /openapi/<file>}. */
    record Contract(String file, String title, MediaType mediaType) {

        String url() {
            return "/openapi/" + file;
        }

        Resource resource() {
            return new ClassPathResource("openapi/" + file);
        }
    }

    private final List<Contract> published;

    PublishedContracts() {
        this.published = CANDIDATES.stream().filter(c -> c.resource().exists()).toList();
        if (published.stream().noneMatch(c -> c.file().equals("kps.yaml"))) {
            throw new IllegalStateException("openapi/kps.yaml is not on the classpath: the openkps-api jar is missing");
        }
    }

    Optional<Contract> byFile(String file) {
        return published.stream().filter(c -> c.file().equals(file)).findFirst();
    }

    /** The YAML contracts, for the reference to render (the JSON files are the same documents). */
    List<Contract> rendered() {
        return published.stream().filter(c -> c.mediaType().equals(YAML)).toList();
    }
}
