package dev.klyo.approval;

/** The answer: approved or not, who answered (or why nobody could) — recorded in the audit event. */
public record ApprovalResult(boolean approved, String approver, String reason) {

    public static ApprovalResult approved(String approver) {
        return new ApprovalResult(true, approver, "approved by " + approver);
    }

    public static ApprovalResult refused(String approver, String reason) {
        return new ApprovalResult(false, approver, reason);
    }
}
