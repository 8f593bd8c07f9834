package dev.klyo.examples.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.audit.AuditEvent;
import dev.klyo.audit.AuditJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Runs the example's main method as a user would and checks what it printed, left on disk and audited. */
@ExtendWith(OutputCaptureExtension.class)
class SupportDeskApplicationTest {

    @TempDir
    Path dir;

    @Test
    void theDeniedDeleteIsHandledGracefullyAndAudited(CapturedOutput output) throws Exception {
        Path audit = dir.resolve("audit.jsonl");
        Path workspace = dir.resolve("workspace");

        SupportDeskApplication.main(new String[] {"--klyo.audit-file=" + audit, "--desk.workspace=" + workspace});

        assertThat(Files.exists(workspace.resolve("old-report.pdf"))).as("the denied delete never ran").isTrue();
        assertThat(output.getOut())
                .contains("model   <- user: Tidy the workspace please, and delete old-report.pdf. My AWS key is "
                        + "[REDACTED:aws-access-key]")
                .contains("model   <- tool delete_file: Klyo denied tool delete_file: deleting files needs a human")
                .contains("reply   : The workspace holds notes.txt, old-report.pdf. I could not delete old-report.pdf")
                .contains("on disk : old-report.pdf is still there")
                .containsPattern("tool +deny +delete_file +rule=no-deletes +principal=sam@example.com session=ticket-1042");
        assertThat(output.getOut().lines().filter(l -> l.startsWith("model")))
                .noneMatch(l -> l.contains("AKIA2Q7RT5VW3XZK6JHM"));

        List<AuditEvent> events = Files.readAllLines(audit).stream().map(AuditJson::fromJson).toList();
        assertThat(events).extracting(e -> e.kind() + " " + e.target() + " " + e.effect())
                .containsExactly("model prompt scripted-support-model redact", "tool list_files allow",
                        "tool delete_file deny", "model response scripted-support-model allow");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.principal()).isEqualTo("sam@example.com");
            assertThat(e.sessionId()).isEqualTo("ticket-1042");
            assertThat(e.agentId()).isEqualTo("support-desk");
            assertThat(e.groups()).containsExactly("support");
        });
        assertThat(Files.readString(audit)).doesNotContain("AKIA2Q7RT5VW3XZK6JHM");
    }
}
