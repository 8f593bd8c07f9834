package dev.klyo.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.Klyo;
import dev.klyo.policy.PolicyLoader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.tool.function.FunctionToolCallback;

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
        ScriptedChatModel model = new ScriptedChatModel(
                ScriptedChatModel.callTool("send_note", "{\"text\": \"before\"}"),
                ScriptedChatModel.callTool("read_inbox", "{}"),
                ScriptedChatModel.callTool("send_note", "{\"text\": \"after\"}"),
                ScriptedChatModel.answer("done"));
        try (Klyo klyo = Klyo.builder().policy(new PolicyLoader().parse(POLICY, "secrets.yaml")).build()) {
            ChatClient.builder(model).defaultAdvisors(new KlyoAdvisor(new ToolGovernance(klyo, "inbox-agent"))).build()
                    .prompt("Summarise my inbox")
                    .toolCallbacks(
                            FunctionToolCallback.builder("read_inbox", (Map<String, Object> in) -> {
                                ran.add("read_inbox");
                                return "From ops: the deploy key is AKIAABCDEFGHIJKLMNOP";
                            }).description("Reads the inbox").inputType(Map.class).build(),
                            FunctionToolCallback.builder("send_note", (Map<String, Object> in) -> {
                                ran.add("send_note");
                                return "sent";
                            }).description("Sends a note").inputType(Map.class).build())
                    .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "inbox-session"))
                    .call().content();

            assertThat(ran).containsExactly("send_note", "read_inbox");
            assertThat(ScriptedChatModel.toolResults(model.prompts().get(2)).toString()).doesNotContain("AKIA")
                    .contains("[REDACTED:aws-access-key]");
            assertThat(klyo.session("inbox-session").hasLabel("secret")).isTrue();
        }
    }
}
