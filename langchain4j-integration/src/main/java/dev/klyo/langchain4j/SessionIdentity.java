package dev.klyo.langchain4j;

import dev.klyo.action.AgentContext;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.invocation.InvocationParameters;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who is acting in one AI-service invocation. The governor's configured principal, agent id and
 * groups are the defaults; the chat memory id is the session; an invocation may override any of
 * them through {@link InvocationParameters} under the {@code klyo.*} keys, so one service instance
 * can serve many users without rebuilding it.
 */
final class SessionIdentity {

    static final String PRINCIPAL = "klyo.principal";
    static final String AGENT_ID = "klyo.agentId";
    static final String SESSION_ID = "klyo.sessionId";
    static final String GROUPS = "klyo.groups";

    private final AgentContext defaults;

    SessionIdentity(AgentContext defaults) {
        this.defaults = defaults;
    }

    AgentContext resolve(InvocationContext invocation) {
        if (invocation == null) {
            return defaults;
        }
        String agentId = defaults.agentId().isEmpty() && invocation.interfaceName() != null
                ? invocation.interfaceName() : defaults.agentId();
        String sessionId = invocation.chatMemoryId() == null ? defaults.sessionId()
                : String.valueOf(invocation.chatMemoryId());
        String principal = defaults.principal();
        Set<String> groups = defaults.groups();
        InvocationParameters params = invocation.invocationParameters();
        if (params != null) {
            principal = text(params, PRINCIPAL, principal);
            agentId = text(params, AGENT_ID, agentId);
            sessionId = text(params, SESSION_ID, sessionId);
            Object g = params.get(GROUPS);
            if (g != null) {
                groups = groups(g);
            }
        }
        return new AgentContext(principal, agentId, sessionId, groups);
    }

    private static String text(InvocationParameters params, String key, String fallback) {
        Object v = params.get(key);
        return v == null ? fallback : String.valueOf(v);
    }

    private static Set<String> groups(Object value) {
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof Collection<?> c) {
            c.forEach(v -> out.add(String.valueOf(v).trim()));
        } else {
            Arrays.stream(String.valueOf(value).split(",")).map(String::trim).forEach(out::add);
        }
        out.remove("");
        return out;
    }
}
