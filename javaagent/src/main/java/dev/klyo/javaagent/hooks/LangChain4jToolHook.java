package dev.klyo.javaagent.hooks;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import dev.klyo.javaagent.bootstrap.Gate;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * LangChain4j {@code @Tool} methods: {@code DefaultToolExecutor} runs every one of them, so
 * hooking it governs tools without touching the application. It is the innermost executor:
 * the klyo-langchain4j integration's decorator wraps it and marks its own decided calls with
 * {@code ToolCallScope}, so each call is decided once. A denial is a
 * {@code KlyoDeniedException}, which LangChain4j's tool error handling returns to the model as
 * the tool's error result; the tool method does not run. Asks: tool call (name, arguments).
 */
public final class LangChain4jToolHook implements Hook {

    @Override
    public List<String> typeNames() {
        return List.of("dev.langchain4j.service.tool.DefaultToolExecutor");
    }

    @Override
    public List<Advised> advice() {
        return List.of(Advised.of(namedOneOf("execute", "executeWithContext")
                .and(takesArgument(0, named("dev.langchain4j.agent.tool.ToolExecutionRequest"))), Execute.class));
    }

    public static final class Execute {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) ToolExecutionRequest request) {
            Gate.tool(request.name(), "", request.arguments());
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit() {
            Gate.exit(Gate.TOOL_CALL);
        }
    }
}
