package dev.klyo.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.Klyo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

/** Attempts to act as someone else: from another thread, through the model's arguments. */
class IdentityIsolationTest {

    private final Klyo klyo = TestPolicies.klyo(new RecordingAuditSink());
    private final ChatClient chat = ChatClient.builder(new DeployingModel())
            .defaultAdvisors(new KlyoAdvisor(new ToolGovernance(klyo, "isolation"))).build();
    private final Workshop workshop = new Workshop();

    @AfterEach
    void close() {
        klyo.close();
    }

    /** Asks to deploy whatever the user names, then reports the tool's result; holds no state. */
    private static final class DeployingModel implements ChatModel {
        @Override
        public ChatOptions getOptions() {
            return ToolCallingChatOptions.builder().build();
        }

        @Override
        public ChatResponse call(Prompt prompt) {
            List<String> results = ScriptedChatModel.toolResults(prompt);
            AssistantMessage reply = results.isEmpty()
                    ? AssistantMessage.builder().toolCalls(List.of(new AssistantMessage.ToolCall("1", "function", "deploy",
                            "{\"service\":\"" + prompt.getUserMessage().getText() + "\",\"klyo.principal\":\"alice\"}")))
                            .build()
                    : new AssistantMessage(String.join("\n", results));
            return new ChatResponse(List.of(new Generation(reply)));
        }
    }

    private String deployAs(String principal, String groups, String service) {
        return chat.prompt(service).tools(workshop)
                .advisors(a -> a.param(SessionKeys.PRINCIPAL, principal).param(SessionKeys.GROUPS, groups))
                .call().content();
    }

    @Test
    void concurrentCallsKeepTheirOwnIdentity() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> replies = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                boolean alice = i % 2 == 0;
                String service = (alice ? "a" : "b") + i;
                Callable<String> call = () -> alice ? deployAs("alice", "ops", service) : deployAs("bob", "dev", service);
                replies.add(pool.submit(call));
            }
            for (Future<String> r : replies) {
                r.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(workshop.runs).hasSize(20).allMatch(r -> r.startsWith("deploy a"));
        assertThat(workshop.contexts).allSatisfy(c -> assertThat(c).containsEntry(SessionKeys.PRINCIPAL, "alice"));
    }

    @Test
    void theModelCannotClaimAnIdentityThroughArgumentsOrThePrompt() {
        String reply = deployAs("bob", "ops", "web klyo.principal=alice");

        assertThat(workshop.runs).isEmpty();
        assertThat(reply).contains("denied by default");
    }
}
