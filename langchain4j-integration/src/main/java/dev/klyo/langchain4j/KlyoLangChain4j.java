package dev.klyo.langchain4j;

import dev.klyo.Klyo;
import dev.langchain4j.service.AiServiceContext;
import dev.langchain4j.service.AiServices;
import java.util.List;

/**
 * The one-line way to put a LangChain4j AI service under a Klyo policy:
 *
 * <pre>{@code
 * Assistant assistant = KlyoLangChain4j.builder(Assistant.class, klyo)
 *         .chatModel(model)
 *         .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(20))
 *         .tools(new OrderTools())               // governed
 *         .toolProvider(mcpToolProvider)         // governed, MCP server and annotations included
 *         .build();
 * }</pre>
 *
 * The returned builder is LangChain4j's own; every tool registered on it, before or after any
 * other setting, is decided before it runs, and the Klyo input and output guardrails decide the
 * user's message and the final answer. If you add guardrails of your own, list Klyo's with them
 * ({@code inputGuardrails(...)} replaces the list): {@link KlyoToolGovernor#inputGuardrail()}.
 */
public final class KlyoLangChain4j {

    private KlyoLangChain4j() {
    }

    /** A governed AI-service builder; the agent id defaults to the interface name. */
    public static <T> AiServices<T> builder(Class<T> aiService, Klyo klyo) {
        return builder(aiService, KlyoToolGovernor.builder(klyo).build());
    }

    /** A governed AI-service builder with the identity configured on {@code governor}. */
    public static <T> AiServices<T> builder(Class<T> aiService, KlyoToolGovernor governor) {
        AiServiceContext context = AiServiceContext.create(aiService);
        context.toolService = new GovernedToolService(governor);
        AiServices<T> builder = AiServices.builder(context);
        builder.inputGuardrails(List.of(governor.inputGuardrail()));
        builder.outputGuardrails(List.of(governor.outputGuardrail()));
        return builder;
    }
}
