package dev.klyo;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Supplier;

/**
 * Lets a framework integration tell the javaagent, when both are present, that it has already
 * decided and audited the tool call it is about to run, so the agent's tool-executor hook does
 * not decide it a second time: one decision per action.
 *
 * <p>The javaagent defines {@value #SCOPE_CLASS} on the bootstrap class path with static
 * {@code enter()} and {@code exit()} methods counting a per-thread depth; the agent's tool hook
 * skips its own check while the depth is above zero. Without the agent this does nothing.
 */
public final class AgentBridge {

    static final String SCOPE_CLASS = "dev.klyo.javaagent.bootstrap.ToolCallScope";

    private static final MethodHandle ENTER;
    private static final MethodHandle EXIT;

    static {
        MethodHandle enter = null;
        MethodHandle exit = null;
        try {
            // Bootstrap classes are visible through any loader; the null parent is the bootstrap loader.
            Class<?> scope = Class.forName(SCOPE_CLASS, false, null);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            enter = lookup.findStatic(scope, "enter", MethodType.methodType(void.class));
            exit = lookup.findStatic(scope, "exit", MethodType.methodType(void.class));
        } catch (ReflectiveOperationException | LinkageError e) {
            // No javaagent attached: nothing to coordinate with.
        }
        ENTER = enter;
        EXIT = exit;
    }

    private AgentBridge() {
    }

    /** Whether a Klyo javaagent is attached to this JVM. */
    public static boolean agentAttached() {
        return ENTER != null;
    }

    /** Runs a tool call this integration has already decided, telling the agent not to decide it again. */
    public static <T> T runDecidedToolCall(Supplier<T> toolCall) {
        if (ENTER == null) {
            return toolCall.get();
        }
        invoke(ENTER);
        try {
            return toolCall.get();
        } finally {
            invoke(EXIT);
        }
    }

    private static void invoke(MethodHandle handle) {
        try {
            handle.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("Klyo javaagent bridge failed", t);
        }
    }
}
