package org.openkps.client;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.openkps.client.model.ExportPrivateKeyRequest;
import org.openkps.client.model.KeypairReference;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.wiremock.OpenApiValidationListener;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Shared fixtures of the contract tests: identities, the spec, and KPS-shaped responses. */
final class KpsStubs {

    static final String PROJECT_ID = "0b7a2f3c9d4e45f6a1b2c3d4e5f60718";
    static final String USER_ID = "e4f380899b1248918f3d37098dc63746";
    static final String TOKEN = "MIIdemo-token_0123456789+/=";
    static final String REQUEST_ID = "4c8f8a4e2b7d4f0e9a6c1d3b5e7f9a0b";

    static final String KEYPAIRS = "/v3/" + PROJECT_ID + "/keypairs";
    static final String PRIVATE_KEY = KEYPAIRS + "/private-key";

    static final String ED25519_PUBLIC_KEY =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFbv1gllJ9SHo5nnVXEmFWGAozU9jGlbsNGeVhwdIWz/ demo";
    static final String ED25519_FINGERPRINT = "d4:45:b7:bc:08:68:1b:82:98:fd:fa:41:e6:1c:b2:d6";
    static final String RSA_PRIVATE_KEY = """
            -----BEGIN RSA PRIVATE KEY-----
            MIIEowIBAAKCAQEAzhrS4JOTEaP+K2MwyBpt7/ID74z4LezFpppXgs3UocGtCwBI
            -----END RSA PRIVATE KEY-----
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private KpsStubs() {
    }

    /** The contract, read from the api jar on the test classpath. */
    static String spec() {
        try (InputStream in = KpsStubs.class.getClassLoader().getResourceAsStream("openapi/kps.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi/kps.yaml is not on the classpath (openkps-api test dependency)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validates every request WireMock receives, and the stubbed response it answers, against the spec. */
    static OpenApiValidationListener validationListener() {
        return new OpenApiValidationListener(OpenApiInteractionValidator.createForInlineApiSpecification(spec()).build());
    }

    /** A JSON answer carrying an {@code X-Request-Id}, as every KPS answer does. */
    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("X-Request-Id", REQUEST_ID)
                .withBody(body);
    }

    static ResponseDefinitionBuilder ok(String body) {
        return json(200, body);
    }

    /** An answer without a body (update, delete, clear). */
    static ResponseDefinitionBuilder empty(int status) {
        return aResponse().withStatus(status).withHeader("X-Request-Id", REQUEST_ID);
    }

    /** The flat KPS error body; written with Jackson because messages contain quotes. */
    static ResponseDefinitionBuilder kpsError(int status, String errorCode, String errorMsg) {
        try {
            return json(status, JSON.writeValueAsString(Map.of("error_code", errorCode, "error_msg", errorMsg)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ExportPrivateKeyRequest exporting(String name) {
        return new ExportPrivateKeyRequest().keypair(new KeypairReference().name(name));
    }

    static ResponseDefinitionBuilder zip(
            String fileName, Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.US_ASCII));
                zip.closeEntry();
            }
        }
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/zip")
                .withHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .withHeader("X-Request-Id", REQUEST_ID)
                .withBody(bytes.toByteArray());
    }

    static Map<String, String> readZip(File archive) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(archive)) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                entries.put(entry.getName(), new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.US_ASCII));
            }
        }
        return entries;
    }
}
