package dev.klyo.springai;

import dev.klyo.Klyo;
import dev.klyo.session.SessionLabelsContract;
import java.util.List;
import java.util.Map;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.tool.function.FunctionToolCallback;

/** Session labels from real tool results, through a {@code ChatClient} with {@link KlyoAdvisor}. */
class SessionLabelsTest extends SessionLabelsContract {

    @Override
    protected String converse(Klyo klyo, List<String> ran) {
        ScriptedChatModel model = new ScriptedChatModel(
                ScriptedChatModel.callTool("send_note", "{\"text\": \"before\"}"),
                ScriptedChatModel.callTool("read_inbox", "{}"),
                ScriptedChatModel.callTool("send_note", "{\"text\": \"after\"}"),
                ScriptedChatModel.answer("done"));
        ChatClient.builder(model).defaultAdvisors(new KlyoAdvisor(new ToolGovernance(klyo, "inbox-agent"))).build()
                .prompt("Summarise my inbox")
                .toolCallbacks(
                        FunctionToolCallback.builder("read_inbox", (Map<String, Object> in) -> {
                            ran.add("read_inbox");
                            return INBOX;
                        }).description("Reads the inbox").inputType(Map.class).build(),
                        FunctionToolCallback.builder("send_note", (Map<String, Object> in) -> {
                            ran.add("send_note");
                            return "sent";
                        }).description("Sends a note").inputType(Map.class).build())
                .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, SESSION))
                .call().content();
        return ScriptedChatModel.toolResults(model.prompts().get(2)).toString();
    }
}
