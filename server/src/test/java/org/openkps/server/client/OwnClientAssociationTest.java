package org.openkps.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.assertKpsException;
import static org.openkps.server.support.TestCallers.ALICE;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openkps.client.KpsClient;
import org.openkps.client.invoker.ApiException;
import org.openkps.client.model.AssociateKeypairRequest;
import org.openkps.client.model.BatchAssociateKeypairsRequest;
import org.openkps.client.model.CreateKeypairAction;
import org.openkps.client.model.CreateKeypairRequest;
import org.openkps.client.model.DisassociateEcsServer;
import org.openkps.client.model.DisassociateKeypairRequest;
import org.openkps.client.model.EcsServer;
import org.openkps.client.model.ServerAuth;
import org.openkps.client.model.ServerAuthType;
import org.openkps.client.model.SubmissionStatus;
import org.openkps.client.model.SubmittedTask;
import org.openkps.client.model.TaskStatus;
import org.openkps.server.support.TestCallers;
import org.openkps.server.support.TestSshServer;
import org.openkps.server.support.WithEcsServers;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Our generated client drives association and the task operations against the server and a real SSH server. */
class OwnClientAssociationTest extends WithEcsServers {

    @LocalServerPort
    int port;

    @Test
    void associateShowTaskDisassociate_theKeyLogsInThenNoLonger() throws ApiException {
        KpsClient kps = KpsClient.withToken(java.net.URI.create("http://127.0.0.1:" + port), ALICE.token());
        String project = ALICE.projectId();
        String name = TestCallers.uniqueName("client-assoc");
        String privateKey = kps.keypairs().createKeypair(project, new CreateKeypairRequest()
                .keypair(new CreateKeypairAction().name(name))).getKeypair().getPrivateKey();
        TestSshServer ssh = ssh("ssh-client");

        SubmittedTask bind = kps.associations().associateKeypair(project, new AssociateKeypairRequest()
                .keypairName(name)
                .server(new EcsServer().id("ssh-client").auth(new ServerAuth().type(ServerAuthType.PASSWORD).key(PASSWORD))));

        assertThat(bind.getStatus()).isEqualTo(SubmissionStatus.SUCCESS);
        assertThat(awaitEnd(kps, bind.getTaskId())).isEqualTo(TaskStatus.SUCCESS_RESET);
        assertThat(ssh.acceptsLogin(privateKey)).isTrue();
        assertThat(kps.tasks().listRunningTasks(project, null, null).getTasks())
                .noneMatch(t -> t.getTaskId().equals(bind.getTaskId()));

        SubmittedTask unbind = kps.associations().disassociateKeypair(project, new DisassociateKeypairRequest()
                .server(new DisassociateEcsServer().id("ssh-client")));

        assertThat(awaitEnd(kps, unbind.getTaskId())).isEqualTo(TaskStatus.SUCCESS_UNBIND);
        assertThat(ssh.acceptsLogin(privateKey)).isFalse();
        kps.keypairs().deleteKeypair(project, name);
    }

    @Test
    void batchesFailuresAndErrorsAsTypedAnswers() throws ApiException {
        KpsClient kps = KpsClient.withToken(java.net.URI.create("http://127.0.0.1:" + port), ALICE.token());
        String project = ALICE.projectId();
        String missing = TestCallers.uniqueName("client-missing");

        List<SubmittedTask> batch = kps.associations().batchAssociateKeypairs(project, new BatchAssociateKeypairsRequest()
                .batchKeypairs(List.of(new AssociateKeypairRequest().keypairName(missing)
                        .server(new EcsServer().id("book-client"))))).getTasks();

        assertThat(batch).singleElement().satisfies(entry -> {
            assertThat(entry.getStatus()).isEqualTo(SubmissionStatus.FAILED);
            assertThat(entry.getErrorCode()).isEqualTo("KPS.4016");
            assertThat(entry.getTaskId()).isNull();
        });
        assertKpsException(() -> kps.associations().associateKeypair(project, new AssociateKeypairRequest()
                .keypairName(missing).server(new EcsServer().id("no-such-server"))), 404, "KPS.0002");
        assertKpsException(() -> kps.tasks().showKeypairTask(project, "5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c"),
                404, "KPS.0001");
        assertKpsException(() -> kps.tasks().deleteFailedTask(project, "5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c"),
                404, "KPS.0005");
        kps.tasks().deleteAllFailedTasks(project);
        assertThat(kps.tasks().listFailedTasks(project, 1000, 0).getTotal()).isZero();
    }

    private static TaskStatus awaitEnd(KpsClient kps, String taskId) throws ApiException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            TaskStatus status = kps.tasks().showKeypairTask(ALICE.projectId(), taskId).getTaskStatus();
            if (status.getValue().startsWith("SUCCESS_") || status.getValue().startsWith("FAILED_")) {
                return status;
            }
            assertThat(System.nanoTime()).as("task %s still %s", taskId, status).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
