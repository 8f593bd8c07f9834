package dev.klyo.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One decision, as recorded: the structured event every sink receives. Attribute values the
 * policy redacts are already replaced when an event is built; sinks never see them.
 */
public record AuditEvent(
        Instant timestamp,
        String eventId,
        String effect,
        boolean enforced,
        String mode,
        String ruleId,
        List<String> rules,
        String message,
        String kind,
        String target,
        Map<String, Object> attributes,
        String principal,
        String agentId,
        String sessionId,
        List<String> groups,
        String policyRevision,
        String traceId,
        String spanId,
        long latencyNanos) {

    public AuditEvent {
        rules = List.copyOf(rules);
        groups = List.copyOf(groups);
        // Insertion order kept, so events read in the order the action model documents its attributes.
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
