package dev.klyo.langchain4j;

import static dev.klyo.langchain4j.ScriptedChatModel.call;
import static dev.klyo.langchain4j.ScriptedChatModel.callTools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.Klyo;
import dev.klyo.policy.PolicyLoader;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.service.tool.ToolExecutor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A tool result labels the session from what the tool really returned, before the result is
 * redacted for the model: the model never sees the key, yet the session knows a secret was read.
 */
class SessionLabelsTest {

    static final String POLICY = """
            version: 1
            name: secrets-stay
            defaults: {tool: allow}
            rules:
              - id: hide-keys-from-the-model
                effect: redact
                redact: [aws-access-key]
                match: {tool: {names: [read_inbox]}}
              - id: nothing-leaves-after-a-secret
                effect: deny
                message: the session has read a secret
                match: {tool: {names: [send_note]}}
                when: '"secret" in session.labels'
            """;

    @Test
    void aSecretReadByAToolLabelsTheSessionThoughTheModelSeesItRedacted() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        Map<ToolSpecification, ToolExecutor> tools = new LinkedHashMap<>();
        tools.put(ToolSpecification.builder().name("read_inbox").build(), (request, memoryId) -> {
            ran.add("read_inbox");
            return "From ops: the deploy key is AKIAABCDEFGHIJKLMNOP";
        });
        tools.put(ToolSpecification.builder().name("send_note").build(), (request, memoryId) -> {
            ran.add("send_note");
            return "sent";
        });
        ScriptedChatModel model = new ScriptedChatModel(
                callTools(call("1", "send_note", "{\"text\": \"before\"}")),
                callTools(call("2", "read_inbox", "{}")),
                callTools(call("3", "send_note", "{\"text\": \"after\"}")),
                AiMessage.from("done"));
        try (Klyo klyo = Klyo.builder().policy(new PolicyLoader().parse(POLICY, "secrets.yaml")).build()) {
            KlyoLangChain4j.builder(Assistant.class, klyo)
                    .chatModel(model)
                    .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(50))
                    .tools(tools)
                    .build()
                    .chat("inbox-session", "Summarise my inbox");

            assertThat(ran).containsExactly("send_note", "read_inbox");
            assertThat(model.toolResultIn(2, "read_inbox").text()).doesNotContain("AKIA")
                    .contains("[REDACTED:aws-access-key]");
            assertThat(klyo.session("inbox-session").hasLabel("secret")).isTrue();
        }
    }
}
