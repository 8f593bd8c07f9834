package dev.klyo.springai;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionResult;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * A {@link ToolCallingManager} that governs every tool of every batch before delegating. It is
 * the one place all of Spring AI's tool execution passes: each round of {@code ToolCallingAdvisor}'s
 * loop and applications that run tools themselves ({@code internalToolExecutionEnabled(false)}).
 */
public final class KlyoToolCallingManager implements ToolCallingManager {

    private final ToolCallingManager delegate;
    private final ToolGovernance governance;

    public KlyoToolCallingManager(ToolCallingManager delegate, ToolGovernance governance) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.governance = Objects.requireNonNull(governance, "governance");
    }

    @Override
    public List<ToolDefinition> resolveToolDefinitions(ToolCallingChatOptions chatOptions) {
        return delegate.resolveToolDefinitions(chatOptions);
    }

    @Override
    public ToolExecutionResult executeToolCalls(Prompt prompt, ChatResponse chatResponse) {
        if (prompt.getOptions() == null) {
            return delegate.executeToolCalls(prompt, chatResponse);
        }
        Prompt governed = new Prompt(prompt.getInstructions(), governance.govern(prompt.getOptions(), Map.of()));
        return delegate.executeToolCalls(governed, chatResponse);
    }
}
