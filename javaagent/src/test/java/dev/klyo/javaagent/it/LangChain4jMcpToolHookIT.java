package dev.klyo.javaagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LangChain4j's own MCP client ({@code DefaultMcpClient}) in a forked JVM with the real agent,
 * against a real MCP server over stdio (its own JVM, no agent), called directly and from a real
 * AiServices tool loop. Ground truth is the server's log of the tool calls it executed.
 */
class LangChain4jMcpToolHookIT {

    @Test
    void deniedToolNeverReachesTheServerAndAllowedOnesRun(@TempDir Path tmp) throws Exception {
        Fixture f = new Fixture(tmp);
        Path log = f.root.resolve("server-calls.log");
        String directWipe = "lc4j-mcp|direct|" + log + "|wipe_disk";
        String loopWipe = "lc4j-mcp|loop|" + log + "|wipe_disk";
        String pooledWipe = "pool/lc4j-mcp|direct|" + log + "|wipe_disk";
        String directRead = "lc4j-mcp|direct|" + log + "|read_notes";
        String loopRead = "lc4j-mcp|loop|" + log + "|read_notes";

        ForkedJvm.Result run = ForkedJvm.run(f.root, f.agentArgs(""), f.jvmOptions(),
                List.of(directWipe, loopWipe, pooledWipe, directRead, loopRead));

        for (String direct : List.of(directWipe, pooledWipe)) {
            assertThat(run.result(direct)).as(direct)
                    .startsWith("DENIED dev.klyo.javaagent.bootstrap.KlyoDeniedException: Klyo denied tool notes/wipe_disk")
                    .contains("[rule no-wiping]");
        }
        // In the tool loop the model reads the denial as the tool's error result and answers.
        assertThat(run.result(loopWipe)).startsWith("OK tool said:").contains("Klyo denied tool notes/wipe_disk");
        assertThat(run.result(directRead)).isEqualTo("OK read_notes done");
        assertThat(run.result(loopRead)).isEqualTo("OK tool said: read_notes done");
        assertThat(Files.readAllLines(log)).containsExactly("read_notes {path=/notes}", "read_notes {path=/notes}");
        // executeTool(request) -> executeTool(request, context): one decision per call.
        assertThat(f.auditEvents("tool")).filteredOn(e -> e.path("target").asText().equals("notes/wipe_disk"))
                .hasSize(3);
    }

    @Test
    void observeModeLetsTheCallThroughAndRecordsItOnceWithTheClientKeyAsServer(@TempDir Path tmp) throws Exception {
        Fixture f = new Fixture(tmp);
        Path log = f.root.resolve("server-calls.log");
        String loopWipe = "lc4j-mcp|loop|" + log + "|wipe_disk";

        ForkedJvm.Result run = ForkedJvm.run(f.root, f.agentArgs("mode=observe"), f.jvmOptions(), List.of(loopWipe));

        assertThat(run.result(loopWipe)).isEqualTo("OK tool said: wipe_disk done");
        assertThat(Files.readAllLines(log)).containsExactly("wipe_disk {path=/notes}");
        assertThat(f.observedDenialsOf("tool", "notes/wipe_disk")).isEqualTo(1);
        assertThat(f.auditEvents("tool")).singleElement().satisfies(e -> {
            assertThat(e.path("attributes").path("server").asText()).isEqualTo("notes");
            assertThat(e.path("attributes").path("arguments").toString()).contains("/notes");
        });
    }
}
