package dev.klyo.action;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who is acting: the principal (the human or service the agent acts for), the agent, the
 * session (one conversation or task) and the principal's groups, which select policy layers.
 */
public record AgentContext(String principal, String agentId, String sessionId, Set<String> groups) {

    public static final AgentContext ANONYMOUS = new AgentContext("", "", "", Set.of());

    public AgentContext {
        principal = Objects.requireNonNullElse(principal, "");
        agentId = Objects.requireNonNullElse(agentId, "");
        sessionId = Objects.requireNonNullElse(sessionId, "");
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }

    public AgentContext withSession(String newSessionId) {
        return new AgentContext(principal, agentId, newSessionId, groups);
    }

    public Map<String, Object> toMap() {
        return Map.of("principal", principal, "agentId", agentId, "sessionId", sessionId,
                "groups", groups.stream().sorted().toList());
    }
}
