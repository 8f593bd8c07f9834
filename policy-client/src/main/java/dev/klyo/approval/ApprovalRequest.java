package dev.klyo.approval;

import dev.klyo.action.Action;
import java.util.List;

/** An action waiting for a person's answer, with the rules that asked for approval and their message. */
public record ApprovalRequest(Action action, List<String> ruleIds, String message) {

    public ApprovalRequest {
        ruleIds = List.copyOf(ruleIds);
    }
}
