package dev.klyo.central;

import dev.klyo.audit.AuditEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Audit events about the policy itself rather than an action: kind {@code policy}, target the
 * source's location, and a rule id naming what happened, so a SIEM can alert on
 * {@code ruleId == "klyo.policy.rejected"} without parsing messages.
 */
public final class PolicyEvents {

    public static final String KIND = "policy";
    public static final String APPLIED = "klyo.policy.applied";
    public static final String REJECTED = "klyo.policy.rejected";
    public static final String UNAVAILABLE = "klyo.policy.unavailable";

    private PolicyEvents() {
    }

    /** A new policy set took effect. */
    static AuditEvent applied(String source, PolicySet set, String previous, String how) {
        return event("allow", APPLIED, "policy " + set.revision() + " applied from " + how + " (was " + previous + ")",
                source, Map.of("source", source, "revision", set.revision(), "previousRevision", previous,
                        "policies", set.describe(), "from", how), set.revision());
    }

    /** A fetched policy was refused; the current one stays. */
    static AuditEvent rejected(String source, String reason, String kept) {
        return event("deny", REJECTED, "policy update rejected: " + reason + "; keeping " + kept, source,
                Map.of("source", source, "reason", reason, "keptRevision", kept), kept);
    }

    /** Nothing could be loaded at start: neither the source nor a kept copy. */
    static AuditEvent unavailable(String source, String reason, String fallback) {
        return event("deny", UNAVAILABLE, "no policy available from " + source + " (" + reason + "); using "
                + fallback, source, Map.of("source", source, "reason", reason, "fallbackRevision", fallback), fallback);
    }

    private static AuditEvent event(String effect, String ruleId, String message, String target,
                                    Map<String, Object> attributes, String revision) {
        return new AuditEvent(Instant.now(), UUID.randomUUID().toString(), effect, true, "enforce", ruleId,
                List.of(ruleId), message, KIND, target, attributes, "", "", "", List.of(), revision, "", "", 0);
    }
}
