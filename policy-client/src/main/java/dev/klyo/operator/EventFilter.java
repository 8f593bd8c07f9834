package dev.klyo.operator;

import dev.klyo.audit.AuditEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import picocli.CommandLine.Option;

/**
 * The event selection shared by {@code log}, {@code report} and {@code replay}. Repeating an
 * option widens it (any of the values); different options narrow (all must hold).
 */
final class EventFilter implements Predicate<AuditEvent> {

    @Option(names = "--session", paramLabel = "ID", description = "Only this session (repeatable).")
    List<String> sessions = new ArrayList<>();

    @Option(names = "--agent", paramLabel = "ID", description = "Only this agent (repeatable).")
    List<String> agents = new ArrayList<>();

    @Option(names = "--principal", paramLabel = "NAME", description = "Only actions on behalf of this principal (repeatable).")
    List<String> principals = new ArrayList<>();

    @Option(names = "--effect", paramLabel = "EFFECT",
            description = "Only this effect: allow, deny, redact, log (repeatable). deny includes denials observe mode let through.")
    List<String> effects = new ArrayList<>();

    @Option(names = "--kind", paramLabel = "KIND",
            description = "Only this action kind: http, network, dns, file, process, sql, tool, model (repeatable).")
    List<String> kinds = new ArrayList<>();

    @Option(names = "--rule", paramLabel = "ID", description = "Only events decided by this rule (repeatable).")
    List<String> rules = new ArrayList<>();

    @Option(names = "--since", paramLabel = "TIME", converter = Since.class,
            description = "Only events at or after TIME: 2026-11-22T07:00:00Z, 2026-11-22T08:00 (local), 2026-11-22, or an age such as 15m, 2h, 7d.")
    Instant since;

    @Option(names = "--until", paramLabel = "TIME", converter = Since.class,
            description = "Only events before TIME (same forms as --since).")
    Instant until;

    @Override
    public boolean test(AuditEvent e) {
        return (sessions.isEmpty() || sessions.contains(e.sessionId()))
                && (agents.isEmpty() || agents.contains(e.agentId()))
                && (principals.isEmpty() || principals.contains(e.principal()))
                && (effects.isEmpty() || effects.stream().anyMatch(x -> x.equalsIgnoreCase(e.effect())))
                && (kinds.isEmpty() || kinds.stream().anyMatch(x -> x.equalsIgnoreCase(e.kind())))
                && (rules.isEmpty() || e.rules().stream().anyMatch(rules::contains)
                        || rules.contains(e.ruleId()))
                && (since == null || !e.timestamp().isBefore(since))
                && (until == null || e.timestamp().isBefore(until));
    }
}
