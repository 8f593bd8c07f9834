package dev.klyo.springai;

import static dev.klyo.springai.ScriptedChatModel.callTools;
import static dev.klyo.springai.ScriptedChatModel.echoToolResults;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.Klyo;
import dev.klyo.audit.AuditEvent;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage.ToolCall;
import org.springframework.ai.mcp.SyncMcpToolCallbackProvider;

/**
 * MCP tools from two real MCP servers (separate JVMs on stdio) through Spring AI's MCP tool
 * callbacks: the policy allows the non-destructive tools of notes-server only. Ground truth is
 * each server's own log of executed calls.
 */
class McpToolGovernanceTest {

    @TempDir
    static Path dir;
    static McpSyncClient notes;
    static McpSyncClient other;

    @BeforeAll
    static void startServers() {
        notes = connect("notes-server", dir.resolve("notes.log"));
        other = connect("other-server", dir.resolve("other.log"));
    }

    @AfterAll
    static void stopServers() {
        notes.closeGracefully();
        other.closeGracefully();
    }

    private static McpSyncClient connect(String name, Path log) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServerParameters server = ServerParameters.builder(java)
                .args("-cp", System.getProperty("java.class.path"), NotesMcpServer.class.getName(), name, log.toString())
                .build();
        McpSyncClient client = McpClient.sync(new StdioClientTransport(server, McpJsonDefaults.getMapper()))
                .requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(60))
                .build();
        client.initialize();
        return client;
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyListedServersNonDestructiveToolsRunAndTheModelHearsWhyTheOthersDidNot() throws Exception {
        RecordingAuditSink audit = new RecordingAuditSink();
        try (Klyo klyo = TestPolicies.klyo(audit)) {
            SyncMcpToolCallbackProvider tools = SyncMcpToolCallbackProvider.builder().mcpClients(notes, other).build();
            List<String> offered = java.util.Arrays.stream(tools.getToolCallbacks())
                    .map(c -> c.getToolDefinition().name()).toList();
            // The second server's same-named tools are renamed for the model; Klyo still sees the real names.
            String otherRead = offered.stream().filter(n -> n.startsWith("alt_") && n.endsWith("read_notes"))
                    .findFirst().orElseThrow();
            ScriptedChatModel model = new ScriptedChatModel(
                    callTools(new ToolCall("1", "function", "read_notes", "{}"),
                            new ToolCall("2", "function", "wipe_notes", "{}"),
                            new ToolCall("3", "function", "archive_notes", "{}"),
                            new ToolCall("4", "function", otherRead, "{}")),
                    echoToolResults());

            String reply = ChatClient.builder(model).defaultAdvisors(new KlyoAdvisor(new ToolGovernance(klyo, "mcp-test")))
                    .build().prompt("clean up my notes").toolCallbacks(tools)
                    .advisors(a -> a.param(SessionKeys.PRINCIPAL, "carol"))
                    .call().content();

            assertThat(Files.readAllLines(dir.resolve("notes.log")))
                    .containsExactlyInAnyOrder("read_notes meta=[]", "archive_notes meta=[]");
            assertThat(dir.resolve("other.log")).doesNotExist();
            assertThat(reply).contains("read_notes done", "archive_notes done", "denied by default");

            List<AuditEvent> events = audit.ofKind("tool");
            assertThat(events).extracting(e -> e.attributes().get("server") + "/" + e.attributes().get("name") + "="
                    + e.effect()).containsExactlyInAnyOrder("notes-server/read_notes=allow",
                    "notes-server/wipe_notes=deny", "notes-server/archive_notes=allow", "other-server/read_notes=deny");
            AuditEvent wipe = events.stream().filter(e -> e.target().equals("notes-server/wipe_notes")).findFirst()
                    .orElseThrow();
            assertThat((Map<String, Object>) wipe.attributes().get("annotations"))
                    .containsEntry("destructiveHint", true).containsEntry("readOnlyHint", false);
            assertThat(wipe.principal()).isEqualTo("carol");
        }
    }
}
