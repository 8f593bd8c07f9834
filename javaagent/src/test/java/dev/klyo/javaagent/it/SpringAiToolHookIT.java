package dev.klyo.javaagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spring AI's real tool loop (ChatClient, ToolCallingAdvisor, DefaultToolCallingManager) with a
 * scripted model in a forked JVM with the real agent and no Klyo code in the application. Ground
 * truth is the marker file each tool body appends to when it really runs.
 */
class SpringAiToolHookIT {

    private static int javaVersion;

    @BeforeAll
    static void java() throws Exception {
        javaVersion = ForkedJvm.javaVersion();
    }

    /** One step per kind of callback and thread, each with its own marker. */
    private static List<String> wipeSteps(Fixture f) {
        List<String> steps = new ArrayList<>();
        for (String kind : List.of("method", "function", "wrapped")) {
            steps.add("spring-tool|" + kind + "|wipe_disk|" + f.marker("wipe-" + kind));
        }
        steps.add("pool/spring-tool|method|wipe_disk|" + f.marker("wipe-pool"));
        steps.add("vthread/spring-tool|function|wipe_disk|" + f.marker("wipe-vthread"));
        return steps;
    }

    private static Path markerOf(String step) {
        return Path.of(step.substring(step.lastIndexOf('|') + 1));
    }

    @Test
    void deniedToolBodiesNeverRunAndTheModelReadsTheDenial(@TempDir Path tmp) throws Exception {
        Fixture f = new Fixture(tmp);
        List<String> loops = wipeSteps(f);
        String direct = "spring-tool|direct|wipe_disk|" + f.marker("wipe-direct");
        List<String> steps = new ArrayList<>(loops);
        steps.add(direct);

        ForkedJvm.Result run = ForkedJvm.run(f.root, f.agentArgs(""), f.jvmOptions(), steps);

        int denied = 0;
        for (String step : loops) {
            if (step.startsWith("vthread/") && javaVersion < 21) {
                assertThat(run.result(step)).as(step).startsWith("SKIPPED");
                continue;
            }
            // The loop went on: the model got the denial as the tool's result and answered.
            assertThat(run.result(step)).as(step).startsWith("OK tool said:")
                    .contains("Klyo denied tool wipe_disk").contains("[rule no-wiping]");
            assertThat(markerOf(step)).as(step).doesNotExist();
            denied++;
        }
        // Called by the application itself: the exception Spring AI's loop expects from a tool.
        assertThat(run.result(direct)).startsWith(
                "DENIED org.springframework.ai.tool.execution.ToolExecutionException: Klyo denied tool wipe_disk");
        assertThat(f.marker("wipe-direct")).doesNotExist();
        // One decision per call: the wrapper and call(String) -> call(String, ToolContext) nest.
        assertThat(f.auditEvents("tool")).filteredOn(e -> e.path("target").asText().equals("wipe_disk"))
                .hasSize(denied + 1);
    }

    @Test
    void allowedToolsRunUntouched(@TempDir Path tmp) throws Exception {
        Fixture f = new Fixture(tmp);
        String method = "spring-tool|method|read_notes|" + f.marker("read-method");
        String function = "vthread/spring-tool|function|read_notes|" + f.marker("read-function");

        ForkedJvm.Result run = ForkedJvm.run(f.root, f.agentArgs(""), f.jvmOptions(), List.of(method, function));

        assertThat(run.result(method)).isEqualTo("OK tool said: \"notes read\"");
        assertThat(f.marker("read-method")).hasContent("read_notes method");
        if (javaVersion < 21) {
            assertThat(run.result(function)).startsWith("SKIPPED");
        } else {
            assertThat(run.result(function)).isEqualTo("OK tool said: \"function read_notes done\"");
            assertThat(f.marker("read-function")).hasContent("read_notes function {path=/notes}");
        }
    }

    @Test
    void observeModeRunsEveryToolAndRecordsOneWouldBeDenialPerCall(@TempDir Path tmp) throws Exception {
        Fixture f = new Fixture(tmp);
        List<String> steps = wipeSteps(f);

        ForkedJvm.Result run = ForkedJvm.run(f.root, f.agentArgs("mode=observe"), f.jvmOptions(), steps);

        int ran = 0;
        for (String step : steps) {
            if (step.startsWith("vthread/") && javaVersion < 21) {
                continue;
            }
            assertThat(run.result(step)).as(step).startsWith("OK tool said:").doesNotContain("Klyo denied");
            assertThat(markerOf(step)).as(step).exists();
            ran++;
        }
        assertThat(f.observedDenialsOf("tool", "wipe_disk")).isEqualTo(ran);
        assertThat(f.auditEvents("tool"))
                .allSatisfy(e -> assertThat(e.path("attributes").path("arguments").toString()).contains("/notes"));
    }

    /**
     * Spring AI's MCP callbacks are left to the MCP client hook: the call is decided once, with
     * the tool's own name and the server's name (not the prefixed name the model sees), so a
     * rule naming the tool matches and the server never receives the denied call.
     */
    @Test
    void mcpCallbacksAreDecidedOnceWithTheToolsRealNameAndServer(@TempDir Path tmp) throws Exception {
        Fixture f = new Fixture(tmp);
        Path log = f.root.resolve("server-calls.log");
        String wipe = "spring-tool|mcp|wipe_disk|" + log;
        String read = "spring-tool|mcp|read_notes|" + log;

        ForkedJvm.Result run = ForkedJvm.run(f.root, f.agentArgs(""), f.jvmOptions(), List.of(wipe, read));

        assertThat(run.result(wipe)).startsWith("OK tool said:").contains("Klyo denied tool notes/wipe_disk")
                .contains("[rule no-wiping]");
        assertThat(run.result(read)).startsWith("OK tool said:").contains("read_notes done");
        assertThat(Files.readAllLines(log)).containsExactly("read_notes {path=/notes}");
        assertThat(f.auditEvents("tool")).filteredOn(e -> e.path("effect").asText().equals("deny"))
                .singleElement().satisfies(e -> assertThat(e.path("target").asText()).isEqualTo("notes/wipe_disk"));
    }
}
