package dev.klyo.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A chat model that answers from a script and remembers every request, as the real loop sends them. */
final class ScriptedChatModel implements ChatModel {

    private final Deque<AiMessage> replies;
    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

    ScriptedChatModel(AiMessage... replies) {
        this.replies = new ArrayDeque<>(Arrays.asList(replies));
    }

    static AiMessage callTools(ToolExecutionRequest... calls) {
        return AiMessage.from(List.of(calls));
    }

    static ToolExecutionRequest call(String id, String name, String argumentsJson) {
        return ToolExecutionRequest.builder().id(id).name(name).arguments(argumentsJson).build();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        requests.add(request);
        AiMessage reply = replies.poll();
        if (reply == null) {
            throw new IllegalStateException("the script has no reply left for request " + requests.size());
        }
        return ChatResponse.builder().aiMessage(reply).modelName("scripted-model").build();
    }

    /** The tool results the model was sent in request {@code index} (0-based). */
    List<ToolExecutionResultMessage> toolResultsIn(int index) {
        List<ToolExecutionResultMessage> out = new ArrayList<>();
        for (ChatMessage m : requests.get(index).messages()) {
            if (m instanceof ToolExecutionResultMessage r) {
                out.add(r);
            }
        }
        return out;
    }

    ToolExecutionResultMessage toolResultIn(int index, String toolName) {
        return toolResultsIn(index).stream().filter(r -> r.toolName().equals(toolName)).findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + toolName + " in request " + index));
    }
}
