package dev.klyo.javaagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP Java SDK clients in a forked JVM with the real agent, against a real MCP server over
 * stdio (its own JVM, no agent). Ground truth is the server's log of the tools it executed.
 */
class McpToolHookIT {

    @Test
    void deniedToolNeverReachesTheServerFromEitherClientAndAllowedOnesRun(@TempDir Path tmp) throws Exception {
        Fixture f = new Fixture(tmp);
        Path log = f.root.resolve("server-calls.log");
        String syncWipe = "mcp|sync|" + log + "|wipe_disk";
        String asyncWipe = "mcp|async|" + log + "|wipe_disk";
        String pooledWipe = "pool/mcp|sync|" + log + "|wipe_disk";
        String syncRead = "mcp|sync|" + log + "|read_notes";
        String asyncRead = "mcp|async|" + log + "|read_notes";

        ForkedJvm.Result run = ForkedJvm.run(f.root, f.agentArgs(""), f.jvmOptions(),
                List.of(syncWipe, asyncWipe, pooledWipe, syncRead, asyncRead));

        for (String denied : List.of(syncWipe, asyncWipe, pooledWipe)) {
            assertThat(run.result(denied)).as(denied).startsWith("DENIED").contains("Klyo denied tool notes/wipe_disk")
                    .contains("[rule no-wiping]");
        }
        assertThat(run.result(syncRead)).isEqualTo("OK read_notes done");
        assertThat(run.result(asyncRead)).isEqualTo("OK read_notes done");
        assertThat(Files.readAllLines(log)).containsExactly("read_notes {path=/notes}", "read_notes {path=/notes}");
    }

    @Test
    void observeModeLetsTheCallThroughAndRecordsItWithTheServerNameAndArguments(@TempDir Path tmp) throws Exception {
        Fixture f = new Fixture(tmp);
        Path log = f.root.resolve("server-calls.log");
        String wipe = "mcp|sync|" + log + "|wipe_disk";

        ForkedJvm.Result run = ForkedJvm.run(f.root, f.agentArgs("mode=observe"), f.jvmOptions(), List.of(wipe));

        assertThat(run.result(wipe)).isEqualTo("OK wipe_disk done");
        assertThat(Files.readAllLines(log)).containsExactly("wipe_disk {path=/notes}");
        assertThat(f.observedDenialsOf("tool", "notes/wipe_disk")).isEqualTo(1);
        assertThat(f.auditEvents()).filteredOn(e -> e.path("kind").asText().equals("tool"))
                .singleElement().satisfies(e -> {
                    assertThat(e.path("attributes").path("server").asText()).isEqualTo("notes");
                    assertThat(e.path("attributes").path("arguments").toString()).contains("/notes");
                });
    }
}
