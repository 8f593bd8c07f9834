package dev.klyo.springai;

import static dev.klyo.springai.ScriptedChatModel.answer;
import static dev.klyo.springai.ScriptedChatModel.callTool;
import static dev.klyo.springai.ScriptedChatModel.callTools;
import static dev.klyo.springai.ScriptedChatModel.echoToolResults;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.Klyo;
import dev.klyo.audit.AuditEvent;
import dev.klyo.policy.Mode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.ai.tool.function.FunctionToolCallback;

/** A real ChatClient, its real tool loop, a scripted model; ground truth is what the tools ran and what the model read. */
class KlyoAdvisorTest {

    private final RecordingAuditSink audit = new RecordingAuditSink();
    private final Klyo klyo = TestPolicies.klyo(audit);
    private final ToolGovernance governance = new ToolGovernance(klyo, "test-agent");
    private final Workshop workshop = new Workshop();

    @AfterEach
    void close() {
        klyo.close();
    }

    private ChatClient client(ScriptedChatModel model) {
        return ChatClient.builder(model).defaultAdvisors(new KlyoAdvisor(governance)).build();
    }

    @Test
    void deniedToolNeverRunsTheModelReadsWhyAndTheCallCompletes() {
        ScriptedChatModel model = new ScriptedChatModel(
                callTool("list_files", "{}"),
                callTool("delete_file", "{\"path\":\"plan.md\"}"),
                answer("I listed the files but may not delete plan.md."));

        String reply = client(model).prompt("tidy up").tools(workshop).call().content();

        assertThat(reply).isEqualTo("I listed the files but may not delete plan.md.");
        assertThat(workshop.runs).containsExactly("list_files");
        assertThat(ScriptedChatModel.toolResults(model.prompts().get(1))).containsExactly("list_files: \"notes.txt, plan.md\"");
        assertThat(ScriptedChatModel.toolResults(model.prompts().get(2)))
                .anySatisfy(r -> assertThat(r).startsWith("delete_file: ").contains("deleting files needs a human"));
    }

    @Test
    void everyCallOfABatchIsDecidedOnItsOwn() {
        ScriptedChatModel model = new ScriptedChatModel(
                callTools(new AssistantMessage.ToolCall("1", "function", "delete_file", "{\"path\":\"a\"}"),
                        new AssistantMessage.ToolCall("2", "function", "list_files", "{}")),
                echoToolResults());

        String reply = client(model).prompt("go").tools(workshop).call().content();

        assertThat(workshop.runs).containsExactly("list_files");
        assertThat(reply).contains("deleting files needs a human").contains("notes.txt, plan.md");
        assertThat(audit.ofKind("tool")).extracting(AuditEvent::effect).containsExactly("deny", "allow");
    }

    @Test
    void toolCallbacksAndProvidersAreGovernedLikeToolObjects() {
        List<String> ran = new CopyOnWriteArrayList<>();
        ToolCallback delete = FunctionToolCallback.builder("delete_file", (Map<String, Object> in) -> {
            ran.add("delete " + in);
            return "deleted";
        }).description("Deletes a file").inputType(Map.class).build();
        ToolCallback list = FunctionToolCallback.builder("list_files", (Map<String, Object> in) -> {
            ran.add("list");
            return "a.txt";
        }).description("Lists files").inputType(Map.class).build();

        ScriptedChatModel direct = new ScriptedChatModel(callTool("delete_file", "{}"), callTool("list_files", "{}"),
                echoToolResults());
        client(direct).prompt("go").toolCallbacks(delete, list).call().content();

        ScriptedChatModel viaProvider = new ScriptedChatModel(callTool("delete_file", "{}"), callTool("list_files", "{}"),
                echoToolResults());
        client(viaProvider).prompt("go").toolCallbacks(ToolCallbackProvider.from(delete, list)).call().content();

        ScriptedChatModel asDefaults = new ScriptedChatModel(callTool("delete_file", "{}"), callTool("list_files", "{}"),
                echoToolResults());
        ChatClient.builder(asDefaults).defaultAdvisors(new KlyoAdvisor(governance)).defaultToolCallbacks(delete, list)
                .build().prompt("go").call().content();

        assertThat(ran).containsExactly("list", "list", "list");
    }

    @Test
    void identityFromTheAdvisorContextReachesThePolicyTheAuditAndLocalTools() {
        ScriptedChatModel asAlice = new ScriptedChatModel(callTool("deploy", "{\"service\":\"web\"}"), echoToolResults());
        String aliceReply = client(asAlice).prompt("deploy web").tools(workshop)
                .advisors(a -> a.param(SessionKeys.PRINCIPAL, "alice").param(SessionKeys.GROUPS, List.of("ops", "dev"))
                        .param(ChatMemory.CONVERSATION_ID, "conv-7"))
                .call().content();

        ScriptedChatModel asBob = new ScriptedChatModel(callTool("deploy", "{\"service\":\"web\"}"), echoToolResults());
        String bobReply = client(asBob).prompt("deploy web").tools(workshop)
                .advisors(a -> a.param(SessionKeys.PRINCIPAL, "bob").param(SessionKeys.GROUPS, "dev"))
                .call().content();

        assertThat(workshop.runs).containsExactly("deploy web");
        assertThat(aliceReply).contains("deployed web");
        assertThat(bobReply).contains("denied by default");
        assertThat(workshop.contexts).singleElement().satisfies(ctx ->
                assertThat(ctx).containsEntry(SessionKeys.PRINCIPAL, "alice").containsEntry(SessionKeys.SESSION_ID, "conv-7"));

        List<AuditEvent> tools = audit.ofKind("tool");
        assertThat(tools).hasSize(2);
        assertThat(tools.get(0)).satisfies(e -> {
            assertThat(e.principal()).isEqualTo("alice");
            assertThat(e.sessionId()).isEqualTo("conv-7");
            assertThat(e.groups()).containsExactly("dev", "ops");
            assertThat(e.agentId()).isEqualTo("test-agent");
            assertThat(e.effect()).isEqualTo("allow");
        });
        assertThat(tools.get(1).principal()).isEqualTo("bob");
        assertThat(tools.get(1).effect()).isEqualTo("deny");
        assertThat(audit.ofKind("model")).allSatisfy(e -> assertThat(e.agentId()).isEqualTo("test-agent"));
    }

    @Test
    void identityCanComeFromTheToolContextToo() {
        ScriptedChatModel model = new ScriptedChatModel(callTool("deploy", "{\"service\":\"api\"}"), echoToolResults());
        client(model).prompt("deploy api").tools(workshop)
                .toolContext(Map.of(SessionKeys.PRINCIPAL, "alice", SessionKeys.GROUPS, "ops", "tenant", "acme",
                        SessionKeys.SESSION_ID, "s-1"))
                .call().content();

        assertThat(workshop.runs).containsExactly("deploy api");
        assertThat(workshop.contexts.get(0)).containsEntry("tenant", "acme");
        assertThat(audit.ofKind("tool").get(0).sessionId()).isEqualTo("s-1");
        assertThat(audit.ofKind("tool").get(0).agentId()).isEqualTo("test-agent");
    }

    @Test
    void anAgentIdInTheContextOverridesTheDefault() {
        ScriptedChatModel model = new ScriptedChatModel(callTool("list_files", "{}"), echoToolResults());
        client(model).prompt("list").tools(workshop).advisors(a -> a.param(SessionKeys.AGENT_ID, "planner"))
                .call().content();

        assertThat(audit.events).isNotEmpty().allSatisfy(e -> assertThat(e.agentId()).isEqualTo("planner"));
    }

    @Test
    void argumentsAreRedactedBeforeTheToolAndResultsBeforeTheModel() {
        String key = "sk-proj-ABCDEFGHIJKLMNOPQRSTUVWXYZ123456";
        ScriptedChatModel model = new ScriptedChatModel(callTool("send_note", "{\"text\":\"use " + key + "\"}"),
                echoToolResults());

        String reply = client(model).prompt("send the key").tools(workshop).call().content();

        assertThat(workshop.runs).containsExactly("send_note use [REDACTED:openai-key]");
        assertThat(reply).doesNotContain(key).contains("[REDACTED:openai-key]");
        assertThat(audit.ofKind("tool").get(0).attributes().toString()).doesNotContain(key);
    }

    @Test
    void resultsAreRedactedEvenWhenTheToolProducesTheSecretItself() {
        String key = "sk-proj-ZYXWVUTSRQPONMLKJIHGFEDCBA654321";
        ToolCallback leaky = FunctionToolCallback.builder("send_note", (Map<String, Object> in) -> "token " + key)
                .description("Sends a note").inputType(Map.class).build();
        ScriptedChatModel model = new ScriptedChatModel(callTool("send_note", "{}"), echoToolResults());

        client(model).prompt("go").toolCallbacks(leaky).call().content();

        assertThat(ScriptedChatModel.toolResults(model.prompts().get(1)).toString())
                .doesNotContain(key).contains("[REDACTED:openai-key]");
    }

    @Test
    void promptIsRedactedBeforeTheModelSeesIt() {
        ScriptedChatModel model = new ScriptedChatModel(answer("ok"));

        client(model).prompt("my key is AKIAABCDEFGHIJKLMNOP, store it").call().content();

        assertThat(model.prompts().get(0).getUserMessage().getText())
                .isEqualTo("my key is [REDACTED:aws-access-key], store it");
    }

    @Test
    void blockedPromptNeverReachesTheModel() {
        ScriptedChatModel model = new ScriptedChatModel(answer("should not happen"));

        ChatClientResponse response = client(model).prompt("what is the admin password?").call().chatClientResponse();

        assertThat(model.prompts()).isEmpty();
        assertThat(response.chatResponse().getResult().getOutput().getText())
                .isEqualTo("Klyo blocked this request: this assistant does not handle passwords");
        assertThat(response.context()).containsEntry(KlyoAdvisor.BLOCKED_RULE, "prompts-without-secrets");
    }

    @Test
    void blockedAnswerIsWithheldFromTheApplication() {
        ScriptedChatModel model = new ScriptedChatModel(answer("-----BEGIN RSA PRIVATE KEY----- abc"));

        String reply = client(model).prompt("show me the key").call().content();

        assertThat(reply).isEqualTo("Klyo withheld the model's answer: answers never contain private keys");
    }

    @Test
    void streamingGovernsToolsAndTheWholeAnswer() {
        ScriptedChatModel model = new ScriptedChatModel(callTool("delete_file", "{\"path\":\"x\"}"),
                answer("here is -----BEGIN RSA PRIVATE KEY----- for you"));

        List<String> chunks = client(model).prompt("go").tools(workshop).stream().content().collectList().block();

        assertThat(workshop.runs).isEmpty();
        assertThat(ScriptedChatModel.toolResults(model.prompts().get(1)).toString()).contains("deleting files needs a human");
        assertThat(String.join("", chunks)).isEqualTo("Klyo withheld the model's answer: answers never contain private keys");
    }

    @Test
    void streamingPassesChunksThroughWhenNoRuleCanTouchAnswers() throws Exception {
        RecordingAuditSink sink = new RecordingAuditSink();
        String policy = """
                version: 1
                name: tools-only
                defaults: {tool: allow, model: allow}
                rules:
                  - {id: no-delete, effect: deny, match: {tool: {names: [delete_file]}}}
                """;
        try (Klyo toolsOnly = Klyo.builder().policy(new dev.klyo.policy.PolicyLoader().parse(policy, "p")).audit(sink).build()) {
            ScriptedChatModel model = new ScriptedChatModel(answer("one two three"));
            List<String> chunks = ChatClient.builder(model)
                    .defaultAdvisors(new KlyoAdvisor(new ToolGovernance(toolsOnly, "a"))).build()
                    .prompt("count").stream().content().collectList().block();

            assertThat(chunks).containsExactly("one ", "two ", "three");
            assertThat(sink.ofKind("model")).extracting(e -> e.attributes().get("text"))
                    .containsExactly("count", "one two three");
        }
    }

    @Test
    void observeModeLetsTheToolRunAndRecordsTheWouldBeDenial() {
        RecordingAuditSink sink = new RecordingAuditSink();
        try (Klyo observing = TestPolicies.klyo(sink, Mode.OBSERVE)) {
            ScriptedChatModel model = new ScriptedChatModel(callTool("delete_file", "{\"path\":\"x\"}"), echoToolResults());
            ChatClient.builder(model).defaultAdvisors(new KlyoAdvisor(new ToolGovernance(observing, "a"))).build()
                    .prompt("go").tools(workshop).call().content();

            assertThat(workshop.runs).containsExactly("delete_file x");
            assertThat(sink.ofKind("tool")).singleElement().satisfies(e -> {
                assertThat(e.effect()).isEqualTo("deny");
                assertThat(e.enforced()).isFalse();
            });
        }
    }

    @Test
    void eachToolCallIsDecidedOnceEvenWhenManagerAndAdvisorBothGovern() {
        ScriptedChatModel model = new ScriptedChatModel(callTool("list_files", "{}"), callTool("delete_file", "{}"),
                answer("done"));
        var toolLoop = org.springframework.ai.chat.client.advisor.ToolCallingAdvisor.builder()
                .toolCallingManager(new KlyoToolCallingManager(
                        org.springframework.ai.model.tool.ToolCallingManager.builder().build(), governance))
                .build();

        ChatClient.builder(model).defaultAdvisors(new KlyoAdvisor(governance), toolLoop).build()
                .prompt("go").tools(workshop).call().content();

        assertThat(workshop.runs).containsExactly("list_files");
        assertThat(audit.ofKind("tool")).hasSize(2);
    }

    @Test
    void theManagerAloneGovernsClientsWithoutTheAdvisor() {
        ScriptedChatModel model = new ScriptedChatModel(callTool("delete_file", "{\"path\":\"x\"}"), echoToolResults());
        var toolLoop = org.springframework.ai.chat.client.advisor.ToolCallingAdvisor.builder()
                .toolCallingManager(new KlyoToolCallingManager(
                        org.springframework.ai.model.tool.ToolCallingManager.builder().build(), governance))
                .build();

        String reply = ChatClient.builder(model).defaultAdvisors(toolLoop).build()
                .prompt("go").tools(workshop).call().content();

        assertThat(workshop.runs).isEmpty();
        assertThat(reply).contains("deleting files needs a human");
    }

    @Test
    void aCallbackCalledDirectlyIsGovernedToo() {
        ToolCallback delete = java.util.Arrays.stream(org.springframework.ai.support.ToolCallbacks.from(workshop))
                .filter(c -> c.getToolDefinition().name().equals("delete_file")).findFirst().orElseThrow();
        ToolCallback governed = governance.govern(delete);

        Function<String, String> call = governed::call;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> call.apply("{\"path\":\"x\"}"))
                .isInstanceOf(org.springframework.ai.tool.execution.ToolExecutionException.class)
                .hasMessageContaining("deleting files needs a human");
        assertThat(workshop.runs).isEmpty();
        assertThat(governance.govern(governed)).isSameAs(governed);
    }

}
