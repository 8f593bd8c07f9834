package dev.klyo.approval;

/**
 * Asks someone whether an action may run, before it runs. Implementations must answer within
 * their own timeout; when nobody can answer, the answer is a refusal with a reason, never an
 * approval. A plain lambda is the callback approver.
 */
@FunctionalInterface
public interface Approver {

    ApprovalResult request(ApprovalRequest request);

    /** Used when no approver is configured: every approval becomes a clear denial. */
    Approver NONE = request -> ApprovalResult.refused("none",
            "approval required (" + request.message() + ") but no approver is configured");
}
