package dev.klyo.langchain4j;

import static dev.klyo.langchain4j.ScriptedChatModel.call;
import static dev.klyo.langchain4j.ScriptedChatModel.callTools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.audit.AuditEvent;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Principal, agent, session (memory id) and groups reach policy conditions and the audit file. */
class SessionIdentityTest {

    static final String POLICY = """
            version: 1
            name: identity
            defaults: {tool: deny}
            rules:
              - id: support-may-delete
                effect: allow
                match: {tool: {names: ["*_order"]}}
                when: '"support" in context.groups && context.principal == "alice" && context.sessionId == "ticket-7"'
            """;

    @TempDir
    Path dir;

    @Test
    void configuredIdentityAndMemoryIdDecideAndAreAudited() throws Exception {
        try (Harness h = Harness.of(dir, POLICY)) {
            KlyoToolGovernor governor = KlyoToolGovernor.builder(h.klyo)
                    .principal("alice").agentId("order-bot").groups("support", "eu").build();
            OrderTools tools = new OrderTools();
            ScriptedChatModel model = new ScriptedChatModel(
                    callTools(call("c1", "delete_order", "{\"id\":\"1\"}")), AiMessage.from("ok"),
                    callTools(call("c2", "delete_order", "{\"id\":\"2\"}")), AiMessage.from("refused"));
            Assistant assistant = KlyoLangChain4j.builder(Assistant.class, governor)
                    .chatModel(model)
                    .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(20))
                    .tools(tools)
                    .build();

            assistant.chat("ticket-7", "delete order 1");
            assistant.chat("ticket-8", "delete order 2");

            // Only the session the condition names got its deletion.
            assertThat(tools.executed).containsExactly("delete_order:1");
            List<AuditEvent> events = h.events("tool");
            assertThat(events).hasSize(2);
            AuditEvent first = events.get(0);
            assertThat(first.principal()).isEqualTo("alice");
            assertThat(first.agentId()).isEqualTo("order-bot");
            assertThat(first.sessionId()).isEqualTo("ticket-7");
            assertThat(first.groups()).containsExactly("eu", "support");
            assertThat(first.effect()).isEqualTo("allow");
            assertThat(events.get(1).sessionId()).isEqualTo("ticket-8");
            assertThat(events.get(1).effect()).isEqualTo("deny");
        }
    }

    @Test
    void invocationParametersOverrideTheDefaultsPerCall() throws Exception {
        try (Harness h = Harness.of(dir, POLICY)) {
            OrderTools tools = new OrderTools();
            ScriptedChatModel model = new ScriptedChatModel(
                    callTools(call("c1", "delete_order", "{\"id\":\"1\"}")), AiMessage.from("ok"),
                    callTools(call("c2", "delete_order", "{\"id\":\"2\"}")), AiMessage.from("refused"));
            Assistant assistant = h.assistant(model, b -> b.tools(tools));

            assistant.chatAs("ticket-7", "delete order 1", InvocationParameters.from(
                    Map.of("klyo.principal", "alice", "klyo.groups", List.of("support"))));
            assistant.chatAs("ticket-7", "delete order 2", InvocationParameters.from(
                    Map.of("klyo.principal", "mallory", "klyo.groups", "support")));

            assertThat(tools.executed).containsExactly("delete_order:1");
            List<AuditEvent> events = h.events("tool");
            assertThat(events).extracting(AuditEvent::principal).containsExactly("alice", "mallory");
            // No configured agent id: the AI-service interface names the agent.
            assertThat(events.get(0).agentId()).isEqualTo(Assistant.class.getName());
            assertThat(events.get(1).effect()).isEqualTo("deny");
        }
    }
}
