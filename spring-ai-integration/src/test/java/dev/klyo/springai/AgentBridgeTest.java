package dev.klyo.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the real javaagent attached (javaagent/target/klyo.jar, built earlier in the reactor),
 * a tool Klyo for Spring AI has decided runs inside the agent's ToolCallScope, so the agent
 * does not decide it again; the agent still sees what the tool does (here, a file read).
 */
class AgentBridgeTest {

    private static final Path AGENT = Path.of("..", "javaagent", "target", "klyo.jar").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void decidedToolsRunInsideTheAgentsToolScopeAndTheAgentStillSeesTheirFileAccess() throws Exception {
        assumeTrue(Files.isRegularFile(AGENT), "the javaagent is built by the reactor before this module: " + AGENT);
        Path policy = Files.writeString(dir.resolve("agent-policy.yaml"), "version: 1\nname: agent-open\npreset: open\n");
        Path audit = dir.resolve("agent-audit.jsonl");
        Path index = Files.writeString(dir.resolve("workspace-index.txt"), "notes.txt");

        // A copy: the javaagent module may be rebuilding its jar while this runs.
        Path agent = Files.copy(AGENT, dir.resolve("klyo.jar"));

        List<String> out = run(List.of(
                "-javaagent:" + agent + "=policy=" + policy + ",audit=" + audit,
                "-cp", System.getProperty("java.class.path"), AgentBridgeProbe.class.getName(), index.toString()));

        assertThat(out).contains("attached=true", "list_files ran in scope=true", "reply=done",
                "after the call, scope=false");
        assertThat(out).doesNotContain("delete_file ran");
        assertThat(Files.readString(audit)).contains(index.getFileName().toString());
    }

    private static List<String> run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return output.lines().toList();
    }
}
