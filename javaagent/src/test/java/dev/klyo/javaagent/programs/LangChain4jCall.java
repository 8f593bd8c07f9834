package dev.klyo.javaagent.programs;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real LangChain4j AiServices tool loop with a scripted model (no network): the model asks
 * for the {@code wipe_disk} tool once, then answers with what the tool returned. The tool
 * writes a marker file, so the test can tell whether it really ran.
 */
final class LangChain4jCall {

    interface Assistant {
        String chat(String message);
    }

    static final class Tools {
        private final Path marker;

        Tools(Path marker) {
            this.marker = marker;
        }

        @Tool("wipes the disk")
        String wipe_disk() {
            try {
                Files.writeString(marker, "ran");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return "disk wiped";
        }
    }

    private LangChain4jCall() {
    }

    static String run(String marker) {
        ChatModel model = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                List<ChatMessage> messages = request.messages();
                ChatMessage last = messages.get(messages.size() - 1);
                if (last instanceof ToolExecutionResultMessage result) {
                    return ChatResponse.builder().aiMessage(AiMessage.from("tool said: " + result.text())).build();
                }
                return ChatResponse.builder().aiMessage(AiMessage.from(
                        ToolExecutionRequest.builder().id("call-1").name("wipe_disk").arguments("{}").build())).build();
            }
        };
        Assistant assistant = AiServices.builder(Assistant.class).chatModel(model).tools(new Tools(Path.of(marker)))
                .build();
        return "OK " + assistant.chat("please clean up").replace('\n', ' ');
    }
}
