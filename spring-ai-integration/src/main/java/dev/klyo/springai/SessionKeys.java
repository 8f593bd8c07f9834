package dev.klyo.springai;

import dev.klyo.action.AgentContext;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.ai.chat.memory.ChatMemory;

/**
 * The keys under which an application hands Klyo who is acting, in the advisor context
 * ({@code .advisors(a -> a.param(SessionKeys.PRINCIPAL, "alice"))}) or the tool context
 * ({@code .toolContext(Map.of(SessionKeys.PRINCIPAL, "alice"))}). Without
 * {@link #SESSION_ID}, the chat memory conversation id names the session.
 */
public final class SessionKeys {

    public static final String PRINCIPAL = "klyo.principal";
    public static final String AGENT_ID = "klyo.agentId";
    public static final String SESSION_ID = "klyo.sessionId";
    /** A collection of group names, or one comma-separated string. */
    public static final String GROUPS = "klyo.groups";

    private static final String PREFIX = "klyo.";

    private SessionKeys() {
    }

    /** The identity in {@code values}; {@code defaultAgentId} when no agent id is given. */
    public static AgentContext read(Map<String, ?> values, String defaultAgentId) {
        Object session = values.get(SESSION_ID);
        if (session == null) {
            session = values.get(ChatMemory.CONVERSATION_ID);
        }
        Object agent = values.get(AGENT_ID);
        return new AgentContext(text(values.get(PRINCIPAL)), agent == null ? defaultAgentId : text(agent),
                text(session), groups(values.get(GROUPS)));
    }

    /** The identity entries of {@code values}, the conversation id already mapped to {@link #SESSION_ID}. */
    public static Map<String, Object> extract(Map<String, ?> values) {
        Map<String, Object> out = new HashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(PREFIX) && v != null) {
                out.put(k, v);
            }
        });
        Object conversation = values.get(ChatMemory.CONVERSATION_ID);
        if (conversation != null) {
            out.putIfAbsent(SESSION_ID, conversation);
        }
        return out;
    }

    /** {@code values} without Klyo's entries, which are for the policy, not for tools or MCP servers. */
    public static Map<String, Object> strip(Map<String, Object> values) {
        Map<String, Object> out = new HashMap<>(values);
        out.keySet().removeIf(k -> k.startsWith(PREFIX));
        return out;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static Set<String> groups(Object value) {
        Collection<?> items = value instanceof Collection<?> c ? c
                : value == null ? Set.of() : Arrays.asList(value.toString().split(","));
        Set<String> out = new LinkedHashSet<>();
        for (Object item : items) {
            String g = String.valueOf(item).trim();
            if (!g.isEmpty()) {
                out.add(g);
            }
        }
        return out;
    }
}
