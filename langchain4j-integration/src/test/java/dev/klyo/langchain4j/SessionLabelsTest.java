package dev.klyo.langchain4j;

import static dev.klyo.langchain4j.ScriptedChatModel.call;
import static dev.klyo.langchain4j.ScriptedChatModel.callTools;

import dev.klyo.Klyo;
import dev.klyo.session.SessionLabelsContract;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.service.tool.ToolExecutor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Session labels from real tool results, through a governed LangChain4j AI service. */
class SessionLabelsTest extends SessionLabelsContract {

    @Override
    protected String converse(Klyo klyo, List<String> ran) {
        Map<ToolSpecification, ToolExecutor> tools = new LinkedHashMap<>();
        tools.put(ToolSpecification.builder().name("read_inbox").build(), (request, memoryId) -> {
            ran.add("read_inbox");
            return INBOX;
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
        KlyoLangChain4j.builder(Assistant.class, klyo)
                .chatModel(model)
                .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(50))
                .tools(tools)
                .build()
                .chat(SESSION, "Summarise my inbox");
        return model.toolResultIn(2, "read_inbox").text();
    }
}
