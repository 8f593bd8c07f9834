package dev.klyo.javaagent.programs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.time.Duration;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.mcp.SyncMcpToolCallback;
import org.springframework.ai.mcp.SyncMcpToolCallbackProvider;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.support.ToolCallbacks;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.function.FunctionToolCallback;

/**
 * Spring AI's real tool loop (ChatClient and its ToolCallingAdvisor) with a scripted model (no
 * network): the model asks for one tool with {@code {"path":"/notes"}}, then answers with what
 * the tool returned. Every tool appends a line to a marker file, so the test can tell which
 * bodies really ran. Kinds of tool: {@code method} (an {@code @Tool} method), {@code function}
 * (a {@code FunctionToolCallback}), {@code wrapped} (the {@code @Tool} callback inside the
 * application's own delegating callback), {@code direct} (the application calling the
 * {@code @Tool} callback itself, outside any loop), and {@code mcp}: Spring AI's MCP callback
 * for a tool of {@link McpNotesServer} over stdio, where the marker is the server's call log.
 */
final class SpringAiToolCall {

    static final String ARGUMENTS = "{\"path\":\"/notes\"}";

    /** The {@code @Tool} methods: both record that they ran. */
    static final class Tools {
        private final Path marker;

        Tools(Path marker) {
            this.marker = marker;
        }

        @Tool(name = "wipe_disk", description = "wipes the disk")
        String wipeDisk() {
            ran(marker, "wipe_disk method");
            return "disk wiped";
        }

        @Tool(name = "read_notes", description = "reads the notes")
        String readNotes() {
            ran(marker, "read_notes method");
            return "notes read";
        }
    }

    /** An application's own decorator, as teams write for logging or retries: it delegates every call. */
    static final class Logged implements ToolCallback {
        private final ToolCallback delegate;

        Logged(ToolCallback delegate) {
            this.delegate = delegate;
        }

        @Override
        public ToolDefinition getToolDefinition() {
            return delegate.getToolDefinition();
        }

        @Override
        public String call(String input) {
            return delegate.call(input);
        }

        @Override
        public String call(String input, ToolContext context) {
            return delegate.call(input, context);
        }
    }

    /** Asks for one tool, then answers with the tool's result as the model would read it. */
    static final class ScriptedModel implements ChatModel {
        private final String tool;

        ScriptedModel(String tool) {
            this.tool = tool;
        }

        @Override
        public ChatOptions getOptions() {
            // Spring AI 2.0 attaches tools only to ToolCallingChatOptions.
            return ToolCallingChatOptions.builder().model("scripted").build();
        }

        @Override
        public ChatResponse call(Prompt prompt) {
            List<Message> messages = prompt.getInstructions();
            AssistantMessage reply = messages.get(messages.size() - 1) instanceof ToolResponseMessage result
                    ? new AssistantMessage("tool said: " + result.getResponses().get(0).responseData())
                    : AssistantMessage.builder().toolCalls(List.of(
                            new AssistantMessage.ToolCall("call-1", "function", tool, ARGUMENTS))).build();
            return new ChatResponse(List.of(new Generation(reply)));
        }
    }

    private SpringAiToolCall() {
    }

    static String run(String kind, String tool, String markerPath) {
        Path marker = Path.of(markerPath);
        if (kind.equals("direct")) {
            return "OK " + method(marker, tool).call(ARGUMENTS);
        }
        if (kind.equals("mcp")) {
            return mcp(markerPath, tool);
        }
        ToolCallback callback = switch (kind) {
            case "method" -> method(marker, tool);
            case "wrapped" -> new Logged(method(marker, tool));
            case "function" -> FunctionToolCallback.builder(tool, (Map<String, Object> in) -> {
                ran(marker, tool + " function " + in);
                return "function " + tool + " done";
            }).description(tool).inputType(Map.class).build();
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        };
        return loop(callback);
    }

    private static String loop(ToolCallback callback) {
        String answer = ChatClient.builder(new ScriptedModel(callback.getToolDefinition().name())).build()
                .prompt("please clean up").toolCallbacks(callback).call().content();
        return "OK " + answer.replace('\n', ' ');
    }

    /** The model calls the MCP tool by the name Spring AI gives it, which may carry a prefix. */
    private static String mcp(String log, String tool) {
        List<String> command = McpNotesServer.command("notes", log);
        ServerParameters server = ServerParameters.builder(command.get(0)).args(command.subList(1, command.size()))
                .build();
        try (McpSyncClient client = McpClient.sync(new StdioClientTransport(server, McpJsonDefaults.getMapper()))
                .requestTimeout(Duration.ofSeconds(60)).build()) {
            client.initialize();
            for (ToolCallback c : SyncMcpToolCallbackProvider.builder().mcpClients(client).build().getToolCallbacks()) {
                if (((SyncMcpToolCallback) c).getOriginalToolName().equals(tool)) {
                    return loop(c);
                }
            }
            throw new IllegalArgumentException("no MCP tool " + tool);
        }
    }

    /** The {@code @Tool} method's callback, as Spring AI builds it. */
    private static ToolCallback method(Path marker, String name) {
        for (ToolCallback c : ToolCallbacks.from(new Tools(marker))) {
            if (c.getToolDefinition().name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no tool " + name);
    }

    private static void ran(Path marker, String line) {
        try {
            Files.writeString(marker, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
