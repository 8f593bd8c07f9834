package dev.klyo.langchain4j;

import dev.klyo.AgentBridge;
import dev.klyo.action.ToolCall;
import dev.klyo.engine.Decision;
import dev.klyo.redact.Redactor;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A tool executor that asks the policy before the tool runs. A denial becomes an error result
 * the model reads (naming the rule's message), so the AI-service call carries on and the model
 * can tell the user; the wrapped tool never runs. Redactions apply to the arguments the tool
 * receives and to the result the model sees. What an allowed tool returns is reported to the
 * session ({@link dev.klyo.Klyo#observeResult}), so later calls are decided knowing what was read.
 */
final class GovernedToolExecutor implements ToolExecutor {

    private final KlyoToolGovernor governor;
    private final ToolExecutor delegate;
    private final String server;
    private final Map<String, Object> annotations;

    GovernedToolExecutor(KlyoToolGovernor governor, ToolExecutor delegate, String server,
                         Map<String, Object> annotations) {
        this.governor = governor;
        this.delegate = delegate;
        this.server = server;
        this.annotations = Map.copyOf(annotations);
    }

    boolean governorIs(KlyoToolGovernor other) {
        return governor == other;
    }

    @Override
    public String execute(ToolExecutionRequest request, Object memoryId) {
        return executeWithContext(request, InvocationContext.builder().chatMemoryId(memoryId).build()).resultText();
    }

    @Override
    public ToolExecutionResult executeWithContext(ToolExecutionRequest request, InvocationContext invocation) {
        ToolCall call = new ToolCall(governor.identity().resolve(invocation), request.name(), server,
                request.arguments(), annotations);
        Decision decision = governor.klyo().decide(call);
        if (decision.blocked()) {
            return ToolExecutionResult.builder().isError(true).resultText(governor.refusal(call, decision)).build();
        }
        Redactor redactor = governor.klyo().redactor(decision.redactions());
        ToolExecutionRequest toRun = redactor.isEmpty() ? request
                : request.toBuilder().arguments(redactor.redactJson(request.arguments())).build();
        ToolExecutionResult result = AgentBridge.runDecidedToolCall(() -> delegate.executeWithContext(toRun, invocation));
        if (result != null) {
            // What the tool returned labels the session, before redaction: the agent's tool read it all.
            governor.klyo().observeResult(call, result.resultText());
        }
        return redactor.isEmpty() || result == null ? result : redact(result, redactor);
    }

    /** Tool results are often JSON: redacted as JSON, escapes decoded, so findings behind an escape are caught too. */
    private static String redactText(String text, Redactor redactor) {
        String trimmed = text == null ? "" : text.stripLeading();
        return trimmed.startsWith("{") || trimmed.startsWith("[") ? redactor.redactJson(text) : redactor.redact(text);
    }

    /** The same result with every text part redacted; the raw result object is dropped so it cannot leak. */
    private static ToolExecutionResult redact(ToolExecutionResult result, Redactor redactor) {
        List<Content> contents = new ArrayList<>();
        for (Content c : result.resultContents()) {
            contents.add(c instanceof TextContent t ? TextContent.from(redactText(t.text(), redactor)) : c);
        }
        ToolExecutionResult.Builder b = ToolExecutionResult.builder().isError(result.isError())
                .attributes(result.attributes());
        return (contents.isEmpty() ? b.resultText(redactText(result.resultText(), redactor)) : b.resultContents(contents))
                .build();
    }
}
