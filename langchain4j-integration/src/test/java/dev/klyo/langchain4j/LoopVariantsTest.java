package dev.klyo.langchain4j;

import static dev.klyo.langchain4j.ScriptedChatModel.call;
import static dev.klyo.langchain4j.ScriptedChatModel.callTools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.service.UserMessage;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Other ways the loop runs tools: on other threads, and from a streaming model. */
class LoopVariantsTest {

    @TempDir
    Path dir;

    @Test
    void toolsExecutedConcurrentlyOnOtherThreadsAreGoverned() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Harness h = Harness.of(dir, ToolRegistrationPathsTest.POLICY)) {
            List<String> threads = new CopyOnWriteArrayList<>();
            OrderTools tools = new OrderTools();
            ScriptedChatModel model = ToolRegistrationPathsTest.modelAskingForBoth();
            Assistant assistant = KlyoLangChain4j.builder(Assistant.class, h.klyo)
                    .chatModel(model)
                    .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(20))
                    .tools(tools)
                    .executeToolsConcurrently(command -> pool.execute(() -> {
                        threads.add(Thread.currentThread().getName());
                        command.run();
                    }))
                    .build();

            String answer = assistant.chat("s-1", "Where is order 42? Then delete it.");

            assertThat(threads).isNotEmpty();
            ToolRegistrationPathsTest.assertGoverned(model, tools.executed, answer);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    interface StreamingAssistant {
        TokenStream chat(@MemoryId String session, @UserMessage String message);
    }

    /** A streaming model that delivers each scripted reply as one complete response. */
    static final class ScriptedStreamingModel implements StreamingChatModel {
        final Deque<AiMessage> replies;
        final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

        ScriptedStreamingModel(AiMessage... replies) {
            this.replies = new ArrayDeque<>(List.of(replies));
        }

        @Override
        public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            requests.add(request);
            AiMessage reply = replies.poll();
            if (reply.text() != null) {
                handler.onPartialResponse(reply.text());
            }
            handler.onCompleteResponse(ChatResponse.builder().aiMessage(reply).modelName("scripted-stream").build());
        }
    }

    @Test
    void streamingToolLoopIsGoverned() throws Exception {
        try (Harness h = Harness.of(dir, ToolRegistrationPathsTest.POLICY)) {
            OrderTools tools = new OrderTools();
            ScriptedStreamingModel model = new ScriptedStreamingModel(
                    callTools(call("c1", "get_order", "{\"id\":\"42\"}"), call("c2", "delete_order", "{\"id\":\"42\"}")),
                    AiMessage.from("Shipped; not deleted."));
            StreamingAssistant assistant = KlyoLangChain4j.builder(StreamingAssistant.class, h.klyo)
                    .streamingChatModel(model)
                    .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(20))
                    .tools(tools)
                    .build();

            CompletableFuture<ChatResponse> done = new CompletableFuture<>();
            assistant.chat("s-1", "Where is order 42? Then delete it.")
                    .onPartialResponse(text -> { })
                    .onCompleteResponse(done::complete)
                    .onError(done::completeExceptionally)
                    .start();

            assertThat(done.get(1, TimeUnit.MINUTES).aiMessage().text()).isEqualTo("Shipped; not deleted.");
            assertThat(tools.executed).containsExactly("get_order:42");
            ToolExecutionResultMessage denied = null;
            for (ChatMessage m : model.requests.get(1).messages()) {
                if (m instanceof ToolExecutionResultMessage r && r.toolName().equals("delete_order")) {
                    denied = r;
                }
            }
            assertThat(denied).isNotNull();
            assertThat(denied.isError()).isTrue();
            assertThat(denied.text()).contains("deleting orders needs a human");
        }
    }
}
