package dev.klyo.langchain4j;

import static dev.klyo.langchain4j.ScriptedChatModel.call;
import static dev.klyo.langchain4j.ScriptedChatModel.callTools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives LangChain4j's real AI-service tool loop with a scripted model through every way a tool
 * can be registered. In each, the model asks for an allowed and a denied tool in one turn; the
 * tools' own records show what ran.
 */
class ToolRegistrationPathsTest {

    static final String POLICY = """
            version: 1
            name: orders
            defaults: {tool: deny}
            rules:
              - id: read-orders
                effect: allow
                match: {tool: {names: ["get_*"]}}
              - id: no-deletes
                effect: deny
                message: deleting orders needs a human
                match: {tool: {names: ["delete_*"]}}
            """;

    @TempDir
    Path dir;

    static ScriptedChatModel modelAskingForBoth() {
        return new ScriptedChatModel(
                callTools(call("c1", "get_order", "{\"id\":\"42\"}"), call("c2", "delete_order", "{\"id\":\"42\"}")),
                AiMessage.from("Order 42 has shipped. I could not delete it: deleting orders needs a human."));
    }

    /** What must hold whatever the registration path. */
    static void assertGoverned(ScriptedChatModel model, List<String> executed, String answer) {
        assertThat(executed).containsExactly("get_order:42");
        assertThat(model.requests).hasSize(2);
        ToolExecutionResultMessage denied = model.toolResultIn(1, "delete_order");
        assertThat(denied.isError()).isTrue();
        assertThat(denied.text()).contains("deleting orders needs a human").contains("no-deletes");
        ToolExecutionResultMessage allowed = model.toolResultIn(1, "get_order");
        assertThat(allowed.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(allowed.text()).isEqualTo("order 42: 2 books, shipped");
        assertThat(answer).startsWith("Order 42 has shipped");
    }

    static final String QUESTION = "Where is order 42? Then delete it.";

    /** Registers the tools with {@code registration}, runs one conversation and checks the ground truth. */
    static void runAndAssertGoverned(AiServices<Assistant> builder,
                                     UnaryOperator<AiServices<Assistant>> registration, List<String> executed) {
        ScriptedChatModel model = modelAskingForBoth();
        Assistant assistant = registration.apply(builder.chatModel(model)
                .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(20))).build();
        assertGoverned(model, executed, assistant.chat("s-1", QUESTION));
    }

    @Test
    void toolObjectsOnTheGovernedBuilder() throws Exception {
        try (Harness h = Harness.of(dir, POLICY)) {
            OrderTools tools = new OrderTools();
            runAndAssertGoverned(KlyoLangChain4j.builder(Assistant.class, h.klyo), b -> b.tools(tools), tools.executed);
        }
    }

    @Test
    void toolObjectsWrappedByTheGovernorOnAPlainBuilder() throws Exception {
        try (Harness h = Harness.of(dir, POLICY)) {
            KlyoToolGovernor governor = KlyoToolGovernor.builder(h.klyo).build();
            OrderTools tools = new OrderTools();
            runAndAssertGoverned(AiServices.builder(Assistant.class), b -> b.tools(governor.tools(tools)), tools.executed);
        }
    }

    static Map<ToolSpecification, ToolExecutor> mapTools(List<String> executed) {
        Map<ToolSpecification, ToolExecutor> tools = new LinkedHashMap<>();
        JsonObjectSchema params = JsonObjectSchema.builder().addStringProperty("id").required("id").build();
        tools.put(ToolSpecification.builder().name("get_order").description("Looks an order up").parameters(params).build(),
                (request, memoryId) -> {
                    executed.add("get_order:42");
                    return "order 42: 2 books, shipped";
                });
        tools.put(ToolSpecification.builder().name("delete_order").description("Deletes an order").parameters(params).build(),
                (request, memoryId) -> {
                    executed.add("delete_order:42");
                    return "order 42 deleted";
                });
        return tools;
    }

    @Test
    void mapOfSpecificationsAndExecutors() throws Exception {
        try (Harness h = Harness.of(dir, POLICY)) {
            List<String> executed = new CopyOnWriteArrayList<>();
            runAndAssertGoverned(KlyoLangChain4j.builder(Assistant.class, h.klyo), b -> b.tools(mapTools(executed)),
                    executed);
        }
    }

    @Test
    void mapWithImmediateReturnNames() throws Exception {
        try (Harness h = Harness.of(dir, POLICY)) {
            List<String> executed = new CopyOnWriteArrayList<>();
            runAndAssertGoverned(KlyoLangChain4j.builder(Assistant.class, h.klyo),
                    b -> b.tools(mapTools(executed), Set.of()), executed);
        }
    }

    @Test
    void staticToolProvider() throws Exception {
        try (Harness h = Harness.of(dir, POLICY)) {
            List<String> executed = new CopyOnWriteArrayList<>();
            ToolProvider provider = request -> new ToolProviderResult(mapTools(executed));
            runAndAssertGoverned(KlyoLangChain4j.builder(Assistant.class, h.klyo), b -> b.toolProvider(provider),
                    executed);
        }
    }

    @Test
    void severalToolProvidersAtOnce() throws Exception {
        try (Harness h = Harness.of(dir, POLICY)) {
            List<String> executed = new CopyOnWriteArrayList<>();
            Map<ToolSpecification, ToolExecutor> all = mapTools(executed);
            List<ToolProvider> providers = all.entrySet().stream()
                    .map(e -> (ToolProvider) request -> new ToolProviderResult(Map.of(e.getKey(), e.getValue())))
                    .toList();
            runAndAssertGoverned(KlyoLangChain4j.builder(Assistant.class, h.klyo), b -> b.toolProviders(providers),
                    executed);
        }
    }

    @Test
    void dynamicToolProviderIsGovernedOnEveryRefresh() throws Exception {
        try (Harness h = Harness.of(dir, POLICY)) {
            List<String> executed = new CopyOnWriteArrayList<>();
            AtomicInteger provided = new AtomicInteger();
            ToolProvider dynamic = new ToolProvider() {
                @Override
                public ToolProviderResult provideTools(dev.langchain4j.service.tool.ToolProviderRequest request) {
                    provided.incrementAndGet();
                    return new ToolProviderResult(mapTools(executed));
                }

                @Override
                public boolean isDynamic() {
                    return true;
                }
            };
            // Two tool rounds, so the second round runs executors from a refreshed provider result.
            ScriptedChatModel model = new ScriptedChatModel(
                    callTools(call("c1", "get_order", "{\"id\":\"42\"}")),
                    callTools(call("c2", "delete_order", "{\"id\":\"42\"}")),
                    AiMessage.from("Order 42 has shipped; deleting it needs a human."));
            Assistant assistant = h.assistant(model, b -> b.toolProvider(dynamic));

            String answer = assistant.chat("s-1", "Where is order 42? Then delete it.");

            assertThat(provided.get()).isGreaterThan(1);
            assertThat(executed).containsExactly("get_order:42");
            ToolExecutionResultMessage denied = model.toolResultIn(2, "delete_order");
            assertThat(denied.isError()).isTrue();
            assertThat(denied.text()).contains("deleting orders needs a human");
            assertThat(answer).contains("needs a human");
        }
    }

    @Test
    void providerWrappedByTheGovernorOnAPlainBuilder() throws Exception {
        try (Harness h = Harness.of(dir, POLICY)) {
            KlyoToolGovernor governor = KlyoToolGovernor.builder(h.klyo).build();
            List<String> executed = new CopyOnWriteArrayList<>();
            ToolProvider provider = request -> new ToolProviderResult(mapTools(executed));
            runAndAssertGoverned(AiServices.builder(Assistant.class), b -> b.toolProvider(governor.toolProvider(provider)),
                    executed);
        }
    }

    @Test
    void wrappingTwiceDecidesOnce() throws Exception {
        try (Harness h = Harness.of(dir, POLICY)) {
            KlyoToolGovernor governor = KlyoToolGovernor.builder(h.klyo).build();
            List<String> executed = new CopyOnWriteArrayList<>();
            ToolProvider provider = request -> new ToolProviderResult(mapTools(executed));
            runAndAssertGoverned(KlyoLangChain4j.builder(Assistant.class, governor),
                    b -> b.toolProvider(governor.toolProvider(provider)), executed);
            assertThat(h.events("tool")).hasSize(2);
        }
    }

    @Test
    void toolsRegisteredInAnyOrderAreAllGoverned() throws Exception {
        try (Harness h = Harness.of(dir, POLICY)) {
            OrderTools tools = new OrderTools();
            List<String> mapExecuted = new CopyOnWriteArrayList<>();
            Map<ToolSpecification, ToolExecutor> extra = new LinkedHashMap<>();
            extra.put(ToolSpecification.builder().name("delete_everything").build(), (r, m) -> {
                mapExecuted.add("delete_everything");
                return "gone";
            });
            ScriptedChatModel model = new ScriptedChatModel(
                    callTools(call("c1", "delete_everything", "{}"), call("c2", "delete_order", "{\"id\":\"7\"}")),
                    AiMessage.from("Nothing was deleted."));
            Function<AiServices<Assistant>, AiServices<Assistant>> late = b -> b.tools(extra);
            Assistant assistant = late.apply(KlyoLangChain4j.builder(Assistant.class, h.klyo)
                            .tools(tools)
                            .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(20)))
                    .chatModel(model)
                    .build();

            assertThat(assistant.chat("s-9", "clean up")).isEqualTo("Nothing was deleted.");
            assertThat(tools.executed).isEmpty();
            assertThat(mapExecuted).isEmpty();
            assertThat(model.toolResultsIn(1)).allSatisfy(r -> assertThat(r.isError()).isTrue());
        }
    }
}
