package dev.klyo.operator;

import dev.klyo.audit.AuditEvent;

/**
 * What happened to an action, in the words an operator reads: an effect and whether it took
 * hold. Observe mode records a deny that let the action through; that is "would-deny", never
 * "denied", so nobody mistakes an observed rule for a working fence.
 */
final class Outcome {

    private Outcome() {
    }

    static String of(AuditEvent e) {
        return of(e.effect(), e.enforced());
    }

    static String of(String effect, boolean enforced) {
        return switch (effect == null ? "" : effect) {
            case "deny" -> enforced ? "denied" : "would-deny";
            case "redact" -> enforced ? "redacted" : "would-redact";
            case "allow" -> "allowed";
            case "log" -> "logged";
            default -> effect;
        };
    }
}
