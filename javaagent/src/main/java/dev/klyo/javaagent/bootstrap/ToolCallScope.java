package dev.klyo.javaagent.bootstrap;

/**
 * Marks, per thread, that a framework integration has already decided and audited the tool
 * call running now (policy-client's {@code dev.klyo.AgentBridge} calls {@link #enter()} and
 * {@link #exit()} by reflection), so the agent's tool-executor hook does not decide it again.
 * It only ever suppresses the tool hook: network, file and process checks inside the tool
 * still run.
 */
public final class ToolCallScope {

    private static final ThreadLocal<int[]> DEPTH = new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
            return new int[1];
        }
    };

    private ToolCallScope() {
    }

    public static void enter() {
        DEPTH.get()[0]++;
    }

    public static void exit() {
        int[] depth = DEPTH.get();
        if (depth[0] > 0) {
            depth[0]--;
        }
    }

    /** True while a decided tool call runs on this thread. */
    public static boolean active() {
        return DEPTH.get()[0] > 0;
    }
}
