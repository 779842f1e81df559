package org.openkps.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.openkps.server.emulator.FaultInjector;
import org.openkps.server.emulator.FaultInjector.ActiveRule;
import org.openkps.server.emulator.FaultRule;
import org.openkps.server.emulator.FaultRule.InjectedError;
import org.openkps.server.generated.admin.api.FaultsApiDelegate;
import org.openkps.server.generated.admin.model.ActiveFaultRuleDto;
import org.openkps.server.generated.admin.model.ActiveFaultRulesDto;
import org.openkps.server.generated.admin.model.FaultRuleDto;
import org.openkps.server.generated.admin.model.FaultRulesDto;
import org.openkps.server.http.KpsOperations.Operation;
import org.openkps.server.keypair.KpsException;
import org.openkps.server.keypair.UntrustedText;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * {@code /_openkps/faults}: the fault rules, checked against the KPS contract when they are set, so that
 * a rule names a real operation and answers only a status that operation declares.
 */
@Component
class FaultsDelegate implements FaultsApiDelegate {

    /** The statuses that come with a {@code Retry-After}. */
    private static final Set<Integer> RETRY_LATER = Set.of(429, 503);

    private final FaultInjector faults;
    private final KpsOperations operations;

    FaultsDelegate(FaultInjector faults, KpsOperations operations) {
        this.faults = faults;
        this.operations = operations;
    }

    @Override
    public ResponseEntity<ActiveFaultRulesDto> showFaults() {
        return ResponseEntity.ok(answer(faults.rules()));
    }

    @Override
    public ResponseEntity<ActiveFaultRulesDto> replaceFaults(FaultRulesDto body) {
        List<FaultRule> rules = new ArrayList<>();
        for (int i = 0; i < body.getRules().size(); i++) {
            rules.add(rule("rules[" + i + "]", body.getRules().get(i)));
        }
        return ResponseEntity.ok(answer(faults.replace(rules)));
    }

    @Override
    public ResponseEntity<Void> clearFaults() {
        faults.clear();
        return ResponseEntity.noContent().build();
    }

    private FaultRule rule(String where, FaultRuleDto dto) {
        // JSON null is no value of these types; bean validation passes it, as it passes an absent one.
        if (dto == null) {
            throw KpsException.invalid(where + ": must be a fault rule, not null");
        }
        if (dto.getDelayMs() == null || dto.getProbability() == null) {
            throw KpsException.invalid(where + "." + (dto.getDelayMs() == null ? "delay_ms" : "probability")
                    + ": must be a number, not null");
        }
        String operation = dto.getOperation();
        List<Operation> meant = FaultRule.ANY_OPERATION.equals(operation) ? operations.all()
                : operations.named(operation).map(List::of).orElseThrow(() -> KpsException.invalid(
                        where + ".operation: " + UntrustedText.quote(operation) + " is not an operation of the KPS contract"));
        InjectedError error = null;
        boolean anyErrorField = dto.getStatus() != null || dto.getErrorCode() != null || dto.getErrorMsg() != null;
        if (anyErrorField) {
            if (dto.getStatus() == null || dto.getErrorCode() == null || dto.getErrorMsg() == null) {
                throw KpsException.invalid(where + ": status, error_code and error_msg come together");
            }
            for (Operation o : meant) {
                if (!o.statuses().contains(dto.getStatus())) {
                    throw KpsException.invalid(where + ".status: " + o.id() + " does not declare " + dto.getStatus()
                            + "; it declares " + o.declaredErrors());
                }
            }
            error = new InjectedError(dto.getStatus(), dto.getErrorCode(), dto.getErrorMsg(), dto.getRetryAfter());
        }
        if (dto.getRetryAfter() != null && (error == null || !RETRY_LATER.contains(error.status()))) {
            throw KpsException.invalid(where + ".retry_after: only with status 429 or 503");
        }
        return new FaultRule(operation, dto.getProjectId(), dto.getDelayMs(), error, dto.getProbability(), dto.getTimes());
    }

    private static ActiveFaultRulesDto answer(List<ActiveRule> active) {
        return new ActiveFaultRulesDto(active.stream().map(FaultsDelegate::answer).toList());
    }

    private static ActiveFaultRuleDto answer(ActiveRule active) {
        FaultRule rule = active.rule();
        ActiveFaultRuleDto dto = new ActiveFaultRuleDto(rule.operation(), Math.toIntExact(rule.delayMillis()),
                rule.probability(), active.applied())
                .projectId(rule.projectId())
                .times(rule.times());
        InjectedError error = rule.error();
        if (error != null) {
            dto.status(error.status()).errorCode(error.errorCode()).errorMsg(error.errorMsg())
                    .retryAfter(error.retryAfterSeconds());
        }
        return dto;
    }
}
