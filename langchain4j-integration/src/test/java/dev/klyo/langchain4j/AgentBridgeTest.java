package dev.klyo.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a javaagent attached, a tool call the integration already decided runs inside the agent's
 * ToolCallScope, so the agent's own tool hook stands aside: one decision per action. A forked JVM
 * gets a stand-in ToolCallScope (same name and contract as the agent's) on its bootstrap class path.
 */
class AgentBridgeTest {

    static final String SCOPE = "dev.klyo.javaagent.bootstrap.ToolCallScope";

    private static final String SCOPE_SOURCE = """
            package dev.klyo.javaagent.bootstrap;
            public final class ToolCallScope {
                private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
                private static final java.util.concurrent.atomic.AtomicInteger ENTERS = new java.util.concurrent.atomic.AtomicInteger();
                public static void enter() { ENTERS.incrementAndGet(); DEPTH.get()[0]++; }
                public static void exit() { DEPTH.get()[0]--; }
                public static boolean active() { return DEPTH.get()[0] > 0; }
                public static int enters() { return ENTERS.get(); }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void allowedToolRunsInsideTheAgentScopeAndDeniedToolNeverEntersIt() throws Exception {
        Path src = dir.resolve("src/dev/klyo/javaagent/bootstrap/ToolCallScope.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, SCOPE_SOURCE);
        Path boot = Files.createDirectories(dir.resolve("boot"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "-d", boot.toString(), src.toString())).isZero();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xbootclasspath/a:" + boot, "-cp", System.getProperty("java.class.path"),
                BridgeProbe.class.getName(), Files.createDirectories(dir.resolve("run")).toString())
                .redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();

        List<String> lines = output.lines().toList();
        assertThat(lines).contains("agentAttached=true", "seen=[get_order active=true]", "enters=1",
                "activeAfter=false");
    }
}
