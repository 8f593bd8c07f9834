package dev.klyo.javaagent.hooks;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.klyo.javaagent.bootstrap.Gate;
import dev.klyo.javaagent.bootstrap.KlyoDeniedException;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.execution.ToolExecutionException;

/**
 * Spring AI tools: every class implementing {@code org.springframework.ai.tool.ToolCallback}
 * ({@code @Tool} methods run in {@code MethodToolCallback}, functions in
 * {@code FunctionToolCallback}, and any callback the application writes) is decided when its
 * {@code call(String)} or {@code call(String, ToolContext)} starts. Abstract classes are hooked
 * too, so a {@code call} inherited from an abstract base is covered.
 *
 * <p>One decision per call: {@code call(String)} delegating to the two-argument form, and
 * wrappers delegating to another callback, nest on the thread's tool-call depth, so only the
 * outermost callback asks. Not hooked: Klyo's own {@code dev.klyo.springai} wrappers (they
 * decide themselves and mark the delegate's run with {@code ToolCallScope}) and Spring AI's MCP
 * callbacks, whose {@code McpSyncClient}/{@code McpAsyncClient.callTool} the MCP hook decides
 * with the tool's real name and the server's name, not the prefixed name the model sees.
 *
 * <p>A denial is a {@link ToolExecutionException}, the one exception Spring AI's
 * {@code ToolCallingManager} turns into the tool's result: the model reads the denial, the loop
 * goes on and the tool's body does not run. Asks: tool call (the definition's name, no server,
 * the JSON input).
 */
public final class SpringAiToolCallbackHook implements Hook {

    private static final String TOOL_CALLBACK = "org.springframework.ai.tool.ToolCallback";
    private static final String TOOL_CONTEXT = "org.springframework.ai.chat.model.ToolContext";

    @Override
    public List<String> typeNames() {
        return List.of();
    }

    @Override
    public String supertype() {
        return TOOL_CALLBACK;
    }

    /**
     * Cheap filters first: only classes that declare a {@code call(String...)} method have their
     * super types resolved.
     */
    @Override
    public ElementMatcher<? super TypeDescription> type() {
        return not(isInterface())
                .and(declaresMethod(callMethods()))
                .and(not(nameStartsWith("java.")).and(not(nameStartsWith("jdk."))).and(not(nameStartsWith("sun."))))
                // Split so the shade plugin's relocation leaves the integration's package name alone.
                .and(not(nameStartsWith(String.join(".", "dev", "klyo", "springai", ""))))
                .and(not(namedOneOf("org.springframework.ai.mcp.SyncMcpToolCallback",
                        "org.springframework.ai.mcp.AsyncMcpToolCallback")))
                .and(hasSuperType(named(TOOL_CALLBACK)));
    }

    @Override
    public List<Advised> advice() {
        return List.of(Advised.of(not(isAbstract()).and(callMethods()), Call.class));
    }

    private static ElementMatcher.Junction<MethodDescription> callMethods() {
        return named("call").and(takesArgument(0, String.class))
                .and(takesArguments(1).or(takesArguments(2).and(takesArgument(1, named(TOOL_CONTEXT)))));
    }

    public static final class Call {
        @Advice.OnMethodEnter
        static void enter(@Advice.This ToolCallback callback, @Advice.Argument(0) String input) {
            try {
                Gate.tool(callback.getToolDefinition().name(), "", input);
            } catch (KlyoDeniedException denied) {
                throw new ToolExecutionException(callback.getToolDefinition(), denied);
            }
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit() {
            Gate.exit(Gate.TOOL_CALL);
        }
    }
}
