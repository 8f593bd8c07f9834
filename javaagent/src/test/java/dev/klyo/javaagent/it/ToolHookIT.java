package dev.klyo.javaagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real LangChain4j tool loop with a scripted model, governed with no Klyo code in the application. */
class ToolHookIT {

    @Test
    void deniedToolNeverRunsAndTheModelSeesTheDenial(@TempDir Path tmp) throws Exception {
        Fixture f = new Fixture(tmp);
        String step = "lc4j-tool|" + f.marker("wiped");
        String pooled = "pool/lc4j-tool|" + f.marker("wiped-pool");

        ForkedJvm.Result run = ForkedJvm.run(f.root, f.agentArgs(""), f.jvmOptions(), List.of(step, pooled));

        assertThat(run.result(step)).startsWith("OK tool said:").contains("Klyo denied tool wipe_disk")
                .contains("[rule no-wiping]");
        assertThat(run.result(pooled)).contains("Klyo denied tool wipe_disk");
        assertThat(f.marker("wiped")).doesNotExist();
        assertThat(f.marker("wiped-pool")).doesNotExist();
    }

    @Test
    void observeModeRunsTheToolAndRecordsOneWouldBeDenialPerCall(@TempDir Path tmp) throws Exception {
        Fixture f = new Fixture(tmp);
        String step = "lc4j-tool|" + f.marker("wiped");

        ForkedJvm.Result run = ForkedJvm.run(f.root, f.agentArgs("mode=observe"), f.jvmOptions(), List.of(step));

        assertThat(run.result(step)).isEqualTo("OK tool said: disk wiped");
        assertThat(f.marker("wiped")).hasContent("ran");
        assertThat(f.observedDenialsOf("tool", "wipe_disk")).isEqualTo(1);
    }
}
