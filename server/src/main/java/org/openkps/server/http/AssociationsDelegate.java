package org.openkps.server.http;

import jakarta.servlet.http.HttpServletRequest;

import org.openkps.server.association.AssociationService;
import org.openkps.server.generated.api.AssociationsApiDelegate;
import org.openkps.server.generated.model.AssociateKeypairRequestDto;
import org.openkps.server.generated.model.BatchAssociateKeypairsRequestDto;
import org.openkps.server.generated.model.BatchAssociateKeypairsResponseDto;
import org.openkps.server.generated.model.DisassociateKeypairRequestDto;
import org.openkps.server.generated.model.SubmittedTaskDto;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** Binding key pairs to servers and unbinding them, mapped onto {@link AssociationService}; 202, the task runs on. */
@Component
class AssociationsDelegate implements AssociationsApiDelegate {

    private final AssociationService associations;
    private final HttpServletRequest request;

    AssociationsDelegate(AssociationService associations, HttpServletRequest request) {
        this.associations = associations;
        this.request = request;
    }

    @Override
    public ResponseEntity<SubmittedTaskDto> associateKeypair(String projectId, AssociateKeypairRequestDto body) {
        var task = associations.associate(AuthenticationFilter.callerOf(request), AssociationMapping.association(body));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(AssociationMapping.submitted(task));
    }

    @Override
    public ResponseEntity<BatchAssociateKeypairsResponseDto> batchAssociateKeypairs(
            String projectId, BatchAssociateKeypairsRequestDto body) {
        var submissions = associations.batchAssociate(AuthenticationFilter.callerOf(request),
                body.getBatchKeypairs().stream().map(AssociationMapping::association).toList());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new BatchAssociateKeypairsResponseDto(
                submissions.stream().map(AssociationMapping::submitted).toList()));
    }

    @Override
    public ResponseEntity<SubmittedTaskDto> disassociateKeypair(String projectId, DisassociateKeypairRequestDto body) {
        var task = associations.disassociate(AuthenticationFilter.callerOf(request),
                AssociationMapping.disassociation(body.getServer()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(AssociationMapping.submitted(task));
    }
}
