package dev.klyo.javaagent.hooks;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import dev.klyo.javaagent.bootstrap.Gate;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.mcp.client.McpClient;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * LangChain4j's own MCP client ({@code langchain4j-mcp}, not the MCP Java SDK):
 * {@code DefaultMcpClient.executeTool(ToolExecutionRequest[, InvocationContext])}, and
 * {@code executeTool} of any other {@code McpClient} implementation, decided before the
 * {@code tools/call} request is written to the transport. The one-argument form delegates to
 * the two-argument one, and a wrapping client to the client it wraps; the thread's tool-call
 * depth makes that one decision. Calls a framework integration already decided
 * ({@code ToolCallScope}: klyo-langchain4j's executor wrapping {@code McpToolProvider}'s
 * executors) are not decided again. A denial is a {@code KlyoDeniedException}, which
 * LangChain4j's tool loop returns to the model as the tool's error result; the server never
 * receives the call. Asks: tool call (name, the client's {@code key()} as the server, as
 * klyo-langchain4j does, arguments as sent).
 */
public final class LangChain4jMcpClientHook implements Hook {

    private static final String MCP_CLIENT = "dev.langchain4j.mcp.client.McpClient";
    private static final String REQUEST = "dev.langchain4j.agent.tool.ToolExecutionRequest";

    @Override
    public List<String> typeNames() {
        return List.of();
    }

    @Override
    public String supertype() {
        return MCP_CLIENT;
    }

    @Override
    public ElementMatcher<? super TypeDescription> type() {
        return not(isInterface())
                .and(declaresMethod(executeTool()))
                .and(hasSuperType(named(MCP_CLIENT)));
    }

    @Override
    public List<Advised> advice() {
        return List.of(Advised.of(not(isAbstract()).and(executeTool()), ExecuteTool.class));
    }

    private static ElementMatcher.Junction<MethodDescription> executeTool() {
        return named("executeTool").and(takesArgument(0, named(REQUEST)));
    }

    public static final class ExecuteTool {
        @Advice.OnMethodEnter
        static void enter(@Advice.This McpClient client, @Advice.Argument(0) ToolExecutionRequest request) {
            Gate.tool(request.name(), client.key(), request.arguments());
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit() {
            Gate.exit(Gate.TOOL_CALL);
        }
    }
}
