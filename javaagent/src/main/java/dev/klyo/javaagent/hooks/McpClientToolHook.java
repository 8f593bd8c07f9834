package dev.klyo.javaagent.hooks;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import dev.klyo.javaagent.bootstrap.Gate;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * MCP Java SDK clients: {@code McpSyncClient.callTool} delegates to
 * {@code McpAsyncClient.callTool}, so hooking the latter decides every tool call either client
 * sends, before the request leaves. Calls a framework integration already decided (Spring AI's
 * and LangChain4j's MCP tool callbacks run inside {@code ToolCallScope}) are not decided again.
 * A denial is a {@code KlyoDeniedException} thrown by {@code callTool} itself; the server never
 * receives the call. Asks: tool call (name, the server's declared name, arguments as JSON).
 */
public final class McpClientToolHook implements Hook {

    @Override
    public List<String> typeNames() {
        return List.of("io.modelcontextprotocol.client.McpAsyncClient");
    }

    @Override
    public List<Advised> advice() {
        return List.of(Advised.of(named("callTool")
                .and(takesArgument(0, named("io.modelcontextprotocol.spec.McpSchema$CallToolRequest"))), CallTool.class));
    }

    public static final class CallTool {
        @Advice.OnMethodEnter
        static void enter(@Advice.This McpAsyncClient client, @Advice.Argument(0) McpSchema.CallToolRequest request) {
            McpSchema.Implementation info = client.getServerInfo();
            String arguments;
            try {
                // The application's own MCP JSON binding: the agent cannot lend it its relocated Jackson.
                arguments = request.arguments() == null ? "{}"
                        : McpJsonDefaults.getMapper().writeValueAsString(request.arguments());
            } catch (IOException | RuntimeException unserialisable) {
                arguments = String.valueOf(request.arguments());
            }
            Gate.tool(request.name(), info == null || info.name() == null ? "" : info.name(), arguments);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit() {
            Gate.exit(Gate.TOOL_CALL);
        }
    }
}
