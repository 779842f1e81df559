package org.openkps.server.aksk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.openkps.server.support.KpsAnswers.REQUEST_ID;
import static org.openkps.server.support.TestCallers.ALICE;

import java.time.Duration;
import java.util.List;

import com.huaweicloud.sdk.core.exception.ClientRequestException;
import com.huaweicloud.sdk.kps.v3.KpsClient;
import com.huaweicloud.sdk.kps.v3.model.AssociateKeypairRequest;
import com.huaweicloud.sdk.kps.v3.model.AssociateKeypairRequestBody;
import com.huaweicloud.sdk.kps.v3.model.AssociateKeypairResponse;
import com.huaweicloud.sdk.kps.v3.model.Auth;
import com.huaweicloud.sdk.kps.v3.model.BatchAssociateKeypairRequest;
import com.huaweicloud.sdk.kps.v3.model.BatchAssociateKeypairRequestBody;
import com.huaweicloud.sdk.kps.v3.model.BatchAssociateKeypairResponse;
import com.huaweicloud.sdk.kps.v3.model.CreateKeypairAction;
import com.huaweicloud.sdk.kps.v3.model.CreateKeypairRequest;
import com.huaweicloud.sdk.kps.v3.model.CreateKeypairRequestBody;
import com.huaweicloud.sdk.kps.v3.model.DeleteAllFailedTaskRequest;
import com.huaweicloud.sdk.kps.v3.model.DeleteFailedTaskRequest;
import com.huaweicloud.sdk.kps.v3.model.DeleteKeypairRequest;
import com.huaweicloud.sdk.kps.v3.model.DisassociateEcsServerInfo;
import com.huaweicloud.sdk.kps.v3.model.DisassociateKeypairRequest;
import com.huaweicloud.sdk.kps.v3.model.DisassociateKeypairRequestBody;
import com.huaweicloud.sdk.kps.v3.model.DisassociateKeypairResponse;
import com.huaweicloud.sdk.kps.v3.model.EcsServerInfo;
import com.huaweicloud.sdk.kps.v3.model.FailedTasks;
import com.huaweicloud.sdk.kps.v3.model.ListFailedTaskRequest;
import com.huaweicloud.sdk.kps.v3.model.ListFailedTaskResponse;
import com.huaweicloud.sdk.kps.v3.model.ListKeypairTaskRequest;
import com.huaweicloud.sdk.kps.v3.model.ListKeypairTaskResponse;
import com.huaweicloud.sdk.kps.v3.model.ListRunningTaskRequest;
import com.huaweicloud.sdk.kps.v3.model.ListRunningTaskResponse;
import com.huaweicloud.sdk.kps.v3.model.RunningTasks;
import com.huaweicloud.sdk.kps.v3.model.TaskResponseBody;
import org.junit.jupiter.api.Test;
import org.openkps.server.support.TestCallers;
import org.openkps.server.support.TestSshServer;
import org.openkps.server.support.WithEcsServers;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The official Huawei Cloud Java SDK (3.1.143, as {@link OfficialSdkTest}) drives all eight association
 * and task operations, signing with AK/SK and reading the answers with its own models: a key pair
 * associated through it logs in to a real SSH server, and no longer after it disassociates it.
 */
class OfficialSdkAssociationTest extends WithEcsServers {

    @LocalServerPort
    int port;

    @Test
    void associateThenDisassociate_onARealSshServer() {
        KpsClient kps = sdk();
        String name = TestCallers.uniqueName("sdk-assoc");
        String privateKey = kps.createKeypair(new CreateKeypairRequest().withBody(new CreateKeypairRequestBody()
                .withKeypair(new CreateKeypairAction().withName(name)))).getKeypair().getPrivateKey();
        TestSshServer ssh = ssh("ssh-sdk");

        AssociateKeypairResponse associated = kps.associateKeypair(new AssociateKeypairRequest()
                .withBody(new AssociateKeypairRequestBody().withKeypairName(name)
                        .withServer(new EcsServerInfo().withId("ssh-sdk").withDisablePassword(false)
                                .withPort((long) ssh.port())
                                .withAuth(new Auth().withType(Auth.TypeEnum.PASSWORD).withKey(PASSWORD)))));

        assertThat(associated.getHttpStatusCode()).isEqualTo(202);
        assertThat(associated.getStatus()).isEqualTo(AssociateKeypairResponse.StatusEnum.SUCCESS);
        assertThat(associated.getServerId()).isEqualTo("ssh-sdk");
        assertThat(awaitEnd(kps, associated.getTaskId())).isEqualTo("SUCCESS_RESET");
        assertThat(ssh.acceptsLogin(privateKey)).isTrue();

        DisassociateKeypairResponse disassociated = kps.disassociateKeypair(new DisassociateKeypairRequest()
                .withBody(new DisassociateKeypairRequestBody().withServer(new DisassociateEcsServerInfo()
                        .withId("ssh-sdk").withAuth(new Auth().withType(Auth.TypeEnum.KEYPAIR).withKey(privateKey)))));

        assertThat(disassociated.getHttpStatusCode()).isEqualTo(202);
        assertThat(awaitEnd(kps, disassociated.getTaskId())).isEqualTo("SUCCESS_UNBIND");
        assertThat(ssh.acceptsLogin(privateKey)).isFalse();
        kps.deleteKeypair(new DeleteKeypairRequest().withKeypairName(name));
    }

    @Test
    void batchAssociate_listRunningTasks_listFailedTasks_deleteFailedTask_deleteAllFailedTask() {
        KpsClient kps = sdk();
        String name = importKeypair(kps, "sdk-batch");
        String doomed = importKeypair(kps, "sdk-doomed");

        BatchAssociateKeypairResponse batch = kps.batchAssociateKeypair(new BatchAssociateKeypairRequest()
                .withBody(new BatchAssociateKeypairRequestBody().withBatchKeypairs(List.of(
                        association(name, "book-sdk-1"), association(doomed, "book-sdk-2"),
                        association(name, "no-such-server")))));

        assertThat(batch.getHttpStatusCode()).isEqualTo(202);
        List<TaskResponseBody> entries = batch.getTasks();
        assertThat(entries).extracting(TaskResponseBody::getStatus).containsExactly(TaskResponseBody.StatusEnum.SUCCESS,
                TaskResponseBody.StatusEnum.SUCCESS, TaskResponseBody.StatusEnum.FAILED);
        assertThat(entries.get(2).getErrorCode()).isEqualTo("KPS.0002");

        ListRunningTaskResponse running = kps.listRunningTask(new ListRunningTaskRequest().withLimit(10).withOffset(0));
        assertThat(running.getTotal()).isGreaterThanOrEqualTo(2);
        RunningTasks first = running.getTasks().stream()
                .filter(t -> t.getTaskId().equals(entries.get(0).getTaskId())).findFirst().orElseThrow();
        assertThat(first.getServerId()).isEqualTo("book-sdk-1");
        assertThat(first.getServerName()).isEqualTo("vm-book-sdk-1");
        assertThat(first.getKeypairName()).isEqualTo(name);
        assertThat(first.getOperateType().getValue()).isIn("READY_RESET", "RUNNING_RESET");
        assertThat(Long.parseLong(first.getTaskTime())).isPositive();
        kps.deleteKeypair(new DeleteKeypairRequest().withKeypairName(doomed));

        assertThat(awaitEnd(kps, entries.get(0).getTaskId())).isEqualTo("SUCCESS_RESET");
        String failedId = entries.get(1).getTaskId();
        assertThat(awaitEnd(kps, failedId)).isEqualTo("FAILED_RESET");
        ListFailedTaskResponse failed = kps.listFailedTask(new ListFailedTaskRequest().withLimit(1000).withOffset(0));
        FailedTasks entry = failed.getTasks().stream().filter(t -> t.getTaskId().equals(failedId)).findFirst().orElseThrow();
        assertThat(entry.getOperateType()).isEqualTo(FailedTasks.OperateTypeEnum.FAILED_RESET);
        assertThat(entry.getTaskErrorCode()).isEqualTo("KPS.4016");
        assertThat(entry.getTaskErrorMsg()).contains(doomed);
        assertThat(entry.getKeypairName()).isEqualTo(doomed);

        assertThat(kps.deleteFailedTask(new DeleteFailedTaskRequest().withTaskId(failedId)).getHttpStatusCode())
                .isEqualTo(200);
        ClientRequestException gone = catchThrowableOfType(ClientRequestException.class,
                () -> kps.deleteFailedTask(new DeleteFailedTaskRequest().withTaskId(failedId)));
        assertThat(gone.getHttpStatusCode()).isEqualTo(404);
        assertThat(gone.getErrorCode()).isEqualTo("KPS.0005");
        assertThat(gone.getRequestId()).matches(REQUEST_ID);
        assertThat(kps.deleteAllFailedTask(new DeleteAllFailedTaskRequest()).getHttpStatusCode()).isEqualTo(200);
        assertThat(kps.listFailedTask(new ListFailedTaskRequest()).getTotal()).isZero();
        kps.deleteKeypair(new DeleteKeypairRequest().withKeypairName(name));
    }

    @Test
    void anUnknownServerOrTaskIsA404ClientRequestException() {
        KpsClient kps = sdk();

        ClientRequestException server = catchThrowableOfType(ClientRequestException.class, () -> kps.associateKeypair(
                new AssociateKeypairRequest().withBody(association("demo", "no-such-server"))));
        ClientRequestException task = catchThrowableOfType(ClientRequestException.class, () -> kps.listKeypairTask(
                new ListKeypairTaskRequest().withTaskId("5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c")));

        assertThat(server.getHttpStatusCode()).isEqualTo(404);
        assertThat(server.getErrorCode()).isEqualTo("KPS.0002");
        assertThat(task.getHttpStatusCode()).isEqualTo(404);
        assertThat(task.getErrorCode()).isEqualTo("KPS.0001");
    }

    private static AssociateKeypairRequestBody association(String keypair, String server) {
        return new AssociateKeypairRequestBody().withKeypairName(keypair).withServer(new EcsServerInfo().withId(server));
    }

    private static String importKeypair(KpsClient kps, String prefix) {
        String name = TestCallers.uniqueName(prefix);
        kps.createKeypair(new CreateKeypairRequest().withBody(new CreateKeypairRequestBody().withKeypair(
                new CreateKeypairAction().withName(name).withPublicKey(org.openkps.server.support.KpsApi.ED25519_PUBLIC))));
        return name;
    }

    /** Polls as Terraform does, faster: until the status is SUCCESS_* or FAILED_*. */
    private static String awaitEnd(KpsClient kps, String taskId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            ListKeypairTaskResponse task = kps.listKeypairTask(new ListKeypairTaskRequest().withTaskId(taskId));
            assertThat(task.getTaskId()).isEqualTo(taskId);
            String status = task.getTaskStatus().getValue();
            if (status.startsWith("SUCCESS_") || status.startsWith("FAILED_")) {
                return status;
            }
            assertThat(System.nanoTime()).as("task %s still %s", taskId, status).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private KpsClient sdk() {
        return OfficialSdk.against(port, ALICE);
    }
}
