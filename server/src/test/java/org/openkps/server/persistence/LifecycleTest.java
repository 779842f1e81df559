package org.openkps.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openkps.server.support.KpsApi;
import org.openkps.server.support.RawHttp;
import org.openkps.server.support.TestCallers;

/** How a server process starts and stops around others: one data directory, one server; SIGTERM finishes its work. */
class LifecycleTest {

    @TempDir
    Path dir;

    @Test
    void aSecondServerOnTheSameDataDirectoryRefusesInOneLine() throws Exception {
        Path data = dir.resolve("data");
        Path second = dir.resolve("second.log");
        try (ServerProcess first = ServerProcess.start(data, dir.resolve("first.log"))) {
            int status = ServerProcess.startExpectingRefusal(data, second);

            assertThat(status).isNotZero();
            List<String> log = Files.readAllLines(second);
            assertThat(log).filteredOn(line -> line.contains("The data directory " + data.toAbsolutePath().normalize()
                    + " is in use by another openkps server") && line.contains("--kps.data-dir")).hasSize(1);
            assertThat(log).as("no stack trace").noneMatch(line -> line.strip().startsWith("at "));
            assertThat(first.api().list(TestCallers.ALICE, "limit=1").status()).isEqualTo(200);
        }
    }

    @Test
    void aServerWhoseMasterKeyIsNotTheOneTheStoreIsSealedWithRefusesToStart() throws Exception {
        Path data = dir.resolve("data");
        try (ServerProcess first = ServerProcess.start(data, dir.resolve("first.log"))) {
            HostedKeypairs.create(first.api(), TestCallers.uniqueName("sealed"), KpsApi.DEFAULT);
            first.stop();
        }
        Path masterKey = data.resolve("keys/master.key");
        Files.writeString(masterKey, Base64.getEncoder().encodeToString(new byte[32]) + "\n");

        Path log = dir.resolve("other-key.log");
        assertThat(ServerProcess.startExpectingRefusal(data, log)).isNotZero();
        assertThat(Files.readAllLines(log))
                .anyMatch(line -> line.contains("The master key of this server is not the one the database's hosted "
                        + "private keys are sealed with") && line.contains("kps.vault.master-key"))
                .as("no stack trace").noneMatch(line -> line.strip().startsWith("at "));
    }

    @Test
    void sigtermFinishesTheRequestInFlightAndExitsZero() throws Exception {
        Path data = dir.resolve("data");
        String name = TestCallers.uniqueName("in-flight");
        String body = "{\"keypair\": {\"name\": \"" + name + "\", \"public_key\": \"" + KpsApi.ED25519_PUBLIC + "\"}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ServerProcess server = ServerProcess.start(data, dir.resolve("server.log"));
        int exit;
        RawHttp.Answer answer;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v3/" + TestCallers.PROJECT + "/keypairs HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "X-Auth-Token: " + TestCallers.ALICE.token() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(bytes, 0, 10);
            out.flush();
            Thread.sleep(500); // the request is in flight: headers read, body not yet

            CompletableFuture<Integer> stopped = CompletableFuture.supplyAsync(server::stop);
            Thread.sleep(1000);
            out.write(bytes, 10, bytes.length - 10);
            out.flush();
            answer = RawHttp.read(socket);
            exit = stopped.get(60, TimeUnit.SECONDS);
        }

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(exit).isZero();
        try (ServerProcess again = ServerProcess.start(data, dir.resolve("again.log"))) {
            assertThat(again.api().show(TestCallers.ALICE, name).status()).isEqualTo(200);
        }
    }
}
