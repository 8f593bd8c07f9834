package dev.klyo.langchain4j;

import dev.klyo.Klyo;
import dev.klyo.action.Action;
import dev.klyo.action.AgentContext;
import dev.klyo.engine.Decision;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.guardrail.InputGuardrail;
import dev.langchain4j.guardrail.OutputGuardrail;
import dev.langchain4j.service.tool.AiServiceTool;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Puts LangChain4j tools under a Klyo policy: every executor it returns decides each call with
 * {@link Klyo#decide} before the tool runs. Use it through {@link KlyoLangChain4j#builder}, which
 * governs everything registered on the AI service, or wrap registrations yourself:
 *
 * <pre>{@code
 * KlyoToolGovernor governor = KlyoToolGovernor.builder(klyo).agentId("support-bot").build();
 * AiServices.builder(Assistant.class)
 *         .chatModel(model)
 *         .tools(governor.tools(new OrderTools()))
 *         .toolProvider(governor.toolProvider(mcpToolProvider))
 *         .inputGuardrails(governor.inputGuardrail())
 *         .outputGuardrails(governor.outputGuardrail())
 *         .build();
 * }</pre>
 *
 * Wrapping is idempotent: a governed executor or provider is returned as it is, so a tool is
 * never decided twice by the same governor.
 */
public final class KlyoToolGovernor {

    private final Klyo klyo;
    private final SessionIdentity identity;

    private KlyoToolGovernor(Builder b) {
        this.klyo = b.klyo;
        this.identity = new SessionIdentity(new AgentContext(b.principal, b.agentId, "", b.groups));
    }

    public static Builder builder(Klyo klyo) {
        return new Builder(klyo);
    }

    public Klyo klyo() {
        return klyo;
    }

    SessionIdentity identity() {
        return identity;
    }

    /** Governs one local tool (server empty). */
    public ToolExecutor govern(ToolSpecification specification, ToolExecutor executor) {
        return govern(specification, executor, "");
    }

    /**
     * Governs one tool. {@code server} becomes {@code ToolCall.server}, which policy rules match
     * with {@code servers:}; for LangChain4j MCP executors the MCP client's key is used instead.
     */
    public ToolExecutor govern(ToolSpecification specification, ToolExecutor executor, String server) {
        Objects.requireNonNull(executor, "executor");
        if (executor instanceof GovernedToolExecutor g && g.governorIs(this)) {
            return executor;
        }
        String effectiveServer = McpToolExecutors.isMcp(executor) ? McpToolExecutors.server(executor)
                : Objects.requireNonNullElse(server, "");
        return new GovernedToolExecutor(this, executor, effectiveServer, ToolAnnotations.of(specification));
    }

    AiServiceTool govern(AiServiceTool tool, String server) {
        return tool.toBuilder().toolExecutor(govern(tool.toolSpecification(), tool.toolExecutor(), server)).build();
    }

    /** The {@code @Tool} methods of these objects, governed; pass the list to {@code AiServices.tools(List)}. */
    public List<AiServiceTool> tools(Object... objectsWithTools) {
        List<AiServiceTool> out = new ArrayList<>();
        for (Object o : objectsWithTools) {
            for (AiServiceTool tool : ToolService.findTools(o)) {
                out.add(govern(tool, ""));
            }
        }
        return out;
    }

    /** Governed copies of these tools, keeping their return behaviour. */
    public List<AiServiceTool> tools(List<AiServiceTool> tools) {
        List<AiServiceTool> out = new ArrayList<>(tools.size());
        tools.forEach(t -> out.add(govern(t, "")));
        return out;
    }

    /** The same specifications with governed executors, in the same order. */
    public Map<ToolSpecification, ToolExecutor> tools(Map<ToolSpecification, ToolExecutor> tools) {
        Map<ToolSpecification, ToolExecutor> out = new LinkedHashMap<>();
        tools.forEach((spec, executor) -> out.put(spec, govern(spec, executor, "")));
        return out;
    }

    /** A provider whose tools are governed on every call; dynamic providers stay dynamic. */
    public ToolProvider toolProvider(ToolProvider provider) {
        return toolProvider(provider, "");
    }

    /** As {@link #toolProvider(ToolProvider)}, naming the server its tools are attributed to. */
    public ToolProvider toolProvider(ToolProvider provider, String server) {
        Objects.requireNonNull(provider, "provider");
        return provider instanceof GovernedToolProvider ? provider : new GovernedToolProvider(this, provider, server);
    }

    /** Decides the user's message ({@code model: {directions: [prompt]}} rules): blocks or redacts it. */
    public InputGuardrail inputGuardrail() {
        return new KlyoInputGuardrail(this);
    }

    /** Decides the final answer ({@code model: {directions: [response]}} rules): blocks or redacts it. */
    public OutputGuardrail outputGuardrail() {
        return new KlyoOutputGuardrail(this);
    }

    /** What the model (or the caller, for guardrails) reads when the policy blocks an action. */
    String refusal(Action action, Decision decision) {
        return "Klyo policy denied " + action.kind().key() + " '" + action.target() + "': " + decision.message()
                + " (rule " + decision.ruleId() + ")";
    }

    public static final class Builder {
        private final Klyo klyo;
        private String principal = "";
        private String agentId = "";
        private Set<String> groups = Set.of();

        private Builder(Klyo klyo) {
            this.klyo = Objects.requireNonNull(klyo, "klyo");
        }

        /** The principal every call acts for, unless an invocation passes {@code klyo.principal}. */
        public Builder principal(String principal) {
            this.principal = principal;
            return this;
        }

        /** The agent id; defaults to the AI-service interface's name. */
        public Builder agentId(String agentId) {
            this.agentId = agentId;
            return this;
        }

        /** The principal's groups, which select policy layers, unless an invocation passes {@code klyo.groups}. */
        public Builder groups(String... groups) {
            this.groups = Set.copyOf(Arrays.asList(groups));
            return this;
        }

        public KlyoToolGovernor build() {
            return new KlyoToolGovernor(this);
        }
    }
}
