package dev.klyo.examples.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An offline stand-in for a chat model, so the example needs no API key and no network. Like a
 * real tool-calling model it answers a request about an order with tool calls, then writes its
 * answer from the tool results it is sent back, including any refusal.
 */
final class ScriptedShopModel implements ChatModel {

    private static final Pattern ORDER = Pattern.compile("order\\s+#?(\\d+)", Pattern.CASE_INSENSITIVE);

    @Override
    public ChatResponse doChat(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        ChatMessage last = messages.get(messages.size() - 1);
        AiMessage reply = last instanceof UserMessage user ? plan(user.singleText()) : answer(toolResults(messages));
        return ChatResponse.builder().aiMessage(reply).modelName("scripted-shop-model").build();
    }

    private static AiMessage plan(String question) {
        Matcher m = ORDER.matcher(question);
        if (!m.find()) {
            return AiMessage.from("Which order do you mean?");
        }
        String args = "{\"id\":\"" + m.group(1) + "\"}";
        List<ToolExecutionRequest> calls = new ArrayList<>();
        calls.add(ToolExecutionRequest.builder().id("call-1").name("get_order").arguments(args).build());
        if (question.toLowerCase().contains("cancel")) {
            calls.add(ToolExecutionRequest.builder().id("call-2").name("cancel_order").arguments(args).build());
        }
        return AiMessage.from(calls);
    }

    /** The tool results since the user's last message. */
    private static List<ToolExecutionResultMessage> toolResults(List<ChatMessage> messages) {
        List<ToolExecutionResultMessage> out = new ArrayList<>();
        for (int i = messages.size() - 1; i >= 0 && messages.get(i) instanceof ToolExecutionResultMessage r; i--) {
            out.add(0, r);
        }
        return out;
    }

    private static AiMessage answer(List<ToolExecutionResultMessage> results) {
        StringBuilder text = new StringBuilder();
        for (ToolExecutionResultMessage r : results) {
            if (r.toolName().equals("get_order") && !Boolean.TRUE.equals(r.isError())) {
                text.append("Here is what I found: ").append(r.text()).append(". ");
            } else if (Boolean.TRUE.equals(r.isError())) {
                text.append("I tried the ").append(r.toolName())
                        .append(" tool for you, but I am not allowed to use it: ").append(r.text())
                        .append(". I have passed your request on to a colleague who can. ");
            } else {
                text.append(r.text()).append(". ");
            }
        }
        return AiMessage.from(text.toString().trim());
    }
}
