package dev.klyo.langchain4j;

import static dev.klyo.langchain4j.ScriptedChatModel.call;
import static dev.klyo.langchain4j.ScriptedChatModel.callTools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.audit.AuditEvent;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.mcp.McpToolProvider;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.service.AiServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LangChain4j's own MCP client (DefaultMcpClient over stdio) against a real MCP server process.
 * The server's call log is the ground truth; the policy sees the server (the client's key) and
 * the tool's annotations, with undeclared tools treated as destructive.
 */
class McpToolGovernanceTest {

    static final String POLICY = """
            version: 1
            name: mcp
            defaults: {tool: deny}
            rules:
              - id: github-read-only
                effect: allow
                match: {tool: {names: ["*"], servers: [github]}}
                when: 'action.annotations.readOnlyHint'
              - id: no-destructive-mcp
                effect: deny
                message: destructive MCP tools need approval
                match: {tool: {names: ["*"], servers: ["?*"]}}
                when: 'action.annotations.destructiveHint'
            """;

    @TempDir
    Path dir;

    private McpClient client(String key, Path serverLog) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        StdioMcpTransport transport = StdioMcpTransport.builder()
                .command(List.of(java, "-cp", System.getProperty("java.class.path"), TinyMcpServer.class.getName(),
                        serverLog.toString()))
                .build();
        return DefaultMcpClient.builder().key(key).transport(transport).build();
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    @Test
    void onlyReadOnlyToolsOfTheListedServerRun() throws Exception {
        Path serverLog = dir.resolve("server-calls.log");
        try (Harness h = Harness.of(dir, POLICY); McpClient github = client("github", serverLog)) {
            ScriptedChatModel model = new ScriptedChatModel(
                    callTools(call("c1", "list_issues", "{}"),
                            call("c2", "delete_repo", "{\"title\":\"klyo\"}"),
                            call("c3", "create_issue", "{\"title\":\"hello\"}")),
                    AiMessage.from("There is one issue; I may not change the repository."));
            Assistant assistant = h.assistant(model,
                    b -> b.toolProvider(McpToolProvider.builder().mcpClients(github).build()));

            String answer = assistant.chat("s-1", "triage the repo");

            assertThat(answer).startsWith("There is one issue");
            assertThat(lines(serverLog)).containsExactly("list_issues {}");
            assertThat(model.toolResultIn(1, "list_issues").text()).isEqualTo("issue 1: crash on start");
            assertThat(model.toolResultIn(1, "delete_repo").isError()).isTrue();
            assertThat(model.toolResultIn(1, "delete_repo").text()).contains("destructive MCP tools need approval");
            // create_issue declares no annotations: destructive by default.
            assertThat(model.toolResultIn(1, "create_issue").text()).contains("destructive MCP tools need approval");

            Map<String, AuditEvent> byTool = new java.util.HashMap<>();
            h.events("tool").forEach(e -> byTool.put((String) e.attributes().get("name"), e));
            assertThat(byTool.get("list_issues").attributes()).containsEntry("server", "github");
            assertThat(byTool.get("list_issues").target()).isEqualTo("github/list_issues");
            @SuppressWarnings("unchecked")
            Map<String, Object> undeclared = (Map<String, Object>) byTool.get("create_issue").attributes().get("annotations");
            assertThat(undeclared).containsEntry("destructiveHint", true).containsEntry("readOnlyHint", false)
                    .containsEntry("openWorldHint", true).containsEntry("idempotentHint", false);
            @SuppressWarnings("unchecked")
            Map<String, Object> readOnly = (Map<String, Object>) byTool.get("list_issues").attributes().get("annotations");
            assertThat(readOnly).containsEntry("readOnlyHint", true).containsEntry("destructiveHint", false);
        }
    }

    @Test
    void unlistedServerIsDeniedEvenForReadOnlyTools() throws Exception {
        Path serverLog = dir.resolve("server-calls.log");
        try (Harness h = Harness.of(dir, POLICY); McpClient other = client("pastebin", serverLog)) {
            ScriptedChatModel model = new ScriptedChatModel(
                    callTools(call("c1", "list_issues", "{}")), AiMessage.from("I cannot use that server."));
            KlyoToolGovernor governor = KlyoToolGovernor.builder(h.klyo).build();
            // The governor on a plain builder: the same governance without KlyoLangChain4j.
            Assistant assistant = AiServices.builder(Assistant.class)
                    .chatModel(model)
                    .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(20))
                    .toolProvider(governor.toolProvider(McpToolProvider.builder().mcpClients(other).build()))
                    .build();

            assertThat(assistant.chat("s-1", "list issues")).isEqualTo("I cannot use that server.");

            assertThat(lines(serverLog)).isEmpty();
            assertThat(model.toolResultIn(1, "list_issues").isError()).isTrue();
            AuditEvent event = h.events("tool").get(0);
            assertThat(event.effect()).isEqualTo("deny");
            assertThat(event.attributes()).containsEntry("server", "pastebin");
        }
    }
}
