package dev.klyo.springai;

import dev.klyo.Klyo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;

/**
 * Puts tools under a policy, whichever way they were registered: {@code @Tool} objects,
 * callbacks, providers and MCP callbacks all end up as {@link ToolCallback}s in the request's
 * options, and that is where they are wrapped. Wrapping is idempotent, so the advisor and the
 * tool-calling manager can both apply it and each call is still decided once.
 */
public final class ToolGovernance {

    private final Klyo klyo;
    private final String agentId;

    /** @param agentId the agent id for calls whose context names none */
    public ToolGovernance(Klyo klyo, String agentId) {
        this.klyo = Objects.requireNonNull(klyo, "klyo");
        this.agentId = Objects.requireNonNullElse(agentId, "");
    }

    public Klyo klyo() {
        return klyo;
    }

    public String agentId() {
        return agentId;
    }

    public ToolCallback govern(ToolCallback callback) {
        return callback instanceof KlyoToolCallback ? callback : new KlyoToolCallback(callback, klyo, agentId);
    }

    public List<ToolCallback> govern(List<? extends ToolCallback> callbacks) {
        List<ToolCallback> out = new ArrayList<>(callbacks.size());
        for (ToolCallback c : callbacks) {
            out.add(govern(c));
        }
        return out;
    }

    /** A provider whose callbacks are governed; asks {@code provider} anew each time, as dynamic providers expect. */
    public ToolCallbackProvider govern(ToolCallbackProvider provider) {
        return () -> govern(List.of(provider.getToolCallbacks())).toArray(ToolCallback[]::new);
    }

    /**
     * Options whose tool callbacks are governed and whose tool context carries {@code identity}
     * (entries already in the tool context win). Options without tool calling pass unchanged.
     */
    public ChatOptions govern(ChatOptions options, Map<String, Object> identity) {
        if (!(options instanceof ToolCallingChatOptions tools)) {
            return options;
        }
        List<ToolCallback> callbacks = tools.getToolCallbacks();
        boolean allGoverned = callbacks == null || callbacks.stream().allMatch(KlyoToolCallback.class::isInstance);
        if (allGoverned && identity.isEmpty()) {
            return options;
        }
        ToolCallingChatOptions.Builder<?> builder = tools.mutate();
        if (!allGoverned) {
            builder.toolCallbacks(govern(callbacks));
        }
        if (!identity.isEmpty()) {
            Map<String, Object> context = new java.util.HashMap<>(identity);
            if (tools.getToolContext() != null) {
                context.putAll(tools.getToolContext());
            }
            builder.toolContext(context);
        }
        return builder.build();
    }
}
