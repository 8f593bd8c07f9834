package dev.klyo.springai;

import dev.klyo.ActionDeniedException;
import dev.klyo.AgentBridge;
import dev.klyo.Klyo;
import dev.klyo.action.ToolCall;
import dev.klyo.engine.Decision;
import dev.klyo.redact.Redactor;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.execution.ToolExecutionException;
import org.springframework.ai.tool.metadata.ToolMetadata;

/**
 * A tool callback that asks the policy before every call. A denial throws
 * {@link ToolExecutionException}, which Spring AI's tool loop turns into the tool's result, so
 * the model reads why and the chat call goes on; the tool itself never runs. A redaction
 * rewrites the arguments before the tool sees them and the result before the model does. What an
 * allowed tool returns is reported to the session ({@link Klyo#observeResult}).
 */
public final class KlyoToolCallback implements ToolCallback {

    private final ToolCallback delegate;
    private final Klyo klyo;
    private final String defaultAgentId;
    private final ToolOrigin origin;

    KlyoToolCallback(ToolCallback delegate, Klyo klyo, String defaultAgentId) {
        this.delegate = delegate;
        this.klyo = klyo;
        this.defaultAgentId = defaultAgentId;
        this.origin = ToolOrigin.of(delegate);
    }

    public ToolCallback delegate() {
        return delegate;
    }

    @Override
    public ToolDefinition getToolDefinition() {
        return delegate.getToolDefinition();
    }

    @Override
    public ToolMetadata getToolMetadata() {
        return delegate.getToolMetadata();
    }

    @Override
    public String call(String toolInput) {
        return call(toolInput, null);
    }

    @Override
    public String call(String toolInput, @Nullable ToolContext toolContext) {
        Map<String, Object> values = toolContext == null ? Map.of() : toolContext.getContext();
        ToolCall action = new ToolCall(SessionKeys.read(values, defaultAgentId), origin.name(), origin.server(),
                toolInput, origin.annotations());
        Decision decision = klyo.decide(action);
        if (decision.blocked()) {
            throw new ToolExecutionException(getToolDefinition(), new ActionDeniedException(action, decision));
        }
        Redactor redactor = klyo.redactor(decision.redactions());
        String arguments = redactor.redact(toolInput);
        // Identity is for the policy and local tools: MCP callbacks would forward it to the server as _meta.
        ToolContext forwarded = toolContext == null || !origin.mcp() ? toolContext
                : new ToolContext(SessionKeys.strip(values));
        String result = AgentBridge.runDecidedToolCall(() -> delegate.call(arguments, forwarded));
        // What the tool returned labels the session, before redaction: the agent's tool read it all.
        klyo.observeResult(action, result);
        return redactor.redact(result);
    }

    @Override
    public String toString() {
        return "Klyo(" + delegate + ")";
    }
}
