package org.openkps.server.http;

import org.openkps.server.association.AssociationRequest;
import org.openkps.server.association.DisassociationRequest;
import org.openkps.server.association.LoginCredential;
import org.openkps.server.association.Secret;
import org.openkps.server.association.Submission;
import org.openkps.server.association.Task;
import org.openkps.server.generated.model.AssociateKeypairRequestDto;
import org.openkps.server.generated.model.DisassociateEcsServerDto;
import org.openkps.server.generated.model.EcsServerDto;
import org.openkps.server.generated.model.FailedOperateTypeDto;
import org.openkps.server.generated.model.FailedTaskDto;
import org.openkps.server.generated.model.RunningOperateTypeDto;
import org.openkps.server.generated.model.RunningTaskDto;
import org.openkps.server.generated.model.ServerAuthDto;
import org.openkps.server.generated.model.ServerAuthTypeDto;
import org.openkps.server.generated.model.ShowKeypairTaskResponseDto;
import org.openkps.server.generated.model.SubmissionStatusDto;
import org.openkps.server.generated.model.SubmittedTaskDto;
import org.openkps.server.generated.model.TaskStatusDto;

/**
 * Maps the association and task operations' wire models to and from the domain's. The {@code auth.key}
 * a caller sends becomes a {@link Secret} here, the first place it is held, so that nothing after can
 * print it.
 */
final class AssociationMapping {

    private AssociationMapping() {
    }

    static AssociationRequest association(AssociateKeypairRequestDto body) {
        EcsServerDto server = body.getServer();
        return new AssociationRequest(body.getKeypairName(), server.getId(), credential(server.getAuth()),
                server.getDisablePassword(), port(server.getPort()));
    }

    static DisassociationRequest disassociation(DisassociateEcsServerDto server) {
        return new DisassociationRequest(server.getId(), credential(server.getAuth()), port(server.getPort()));
    }

    private static LoginCredential credential(ServerAuthDto auth) {
        if (auth == null) {
            return null;
        }
        Secret key = new Secret(auth.getKey());
        return auth.getType() == ServerAuthTypeDto.KEYPAIR
                ? new LoginCredential.PrivateKey(key) : new LoginCredential.Password(key);
    }

    // The contract bounds the port to 1..65535.
    private static Integer port(Long port) {
        return port == null ? null : port.intValue();
    }

    static SubmittedTaskDto submitted(Task task) {
        return new SubmittedTaskDto(task.serverId(), SubmissionStatusDto.SUCCESS).taskId(task.id());
    }

    static SubmittedTaskDto submitted(Submission submission) {
        if (submission.isStarted()) {
            return new SubmittedTaskDto(submission.serverId(), SubmissionStatusDto.SUCCESS).taskId(submission.taskId());
        }
        return new SubmittedTaskDto(submission.serverId(), SubmissionStatusDto.FAILED)
                .errorCode(submission.errorCode())
                .errorMsg(submission.errorMsg());
    }

    static ShowKeypairTaskResponseDto shown(Task task) {
        return new ShowKeypairTaskResponseDto(task.serverId(), task.id(), TaskStatusDto.fromValue(task.status()));
    }

    static RunningTaskDto running(Task task) {
        return new RunningTaskDto(task.id(), RunningOperateTypeDto.fromValue(task.operateType()),
                String.valueOf(task.createTime()), task.serverName(), task.serverId(), task.keypairName());
    }

    static FailedTaskDto failed(Task task) {
        return new FailedTaskDto(task.id(), FailedOperateTypeDto.fromValue(task.operateType()),
                String.valueOf(task.createTime()), task.errorCode(), task.errorMsg(), task.serverName(),
                task.serverId(), task.keypairName());
    }
}
