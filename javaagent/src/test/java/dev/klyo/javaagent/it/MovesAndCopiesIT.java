package dev.klyo.javaagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moving and copying against rules that name one operation only: a file that may not be read
 * may not be moved out either (it would be read at its new name), and a file that may not be
 * written may not be replaced by a copy or a move onto it. Judged from the disk.
 */
class MovesAndCopiesIT {

    @Test
    void aReadRuleStopsMovingOutAndAWriteRuleStopsReplacing(@TempDir Path tmp) throws Exception {
        Path secrets = Files.createDirectories(tmp.resolve("secrets"));
        Path key = Files.writeString(secrets.resolve("key.txt"), "the secret");
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path guarded = Files.writeString(work.resolve("guarded.txt"), "original");
        Path evil = Files.writeString(work.resolve("evil.txt"), "replaced");
        Path evil2 = Files.writeString(work.resolve("evil2.txt"), "replaced");
        Path mine = Files.writeString(work.resolve("mine.txt"), "mine");
        Path policy = Files.writeString(tmp.resolve("policy.yaml"), """
                version: 1
                name: narrow-rules
                defaults: {file: allow, process: allow}
                rules:
                  - id: no-reading-secrets
                    effect: deny
                    match: {file: {paths: ["%s/**"], operations: [read]}}
                  - id: guarded-file
                    effect: deny
                    match: {file: {paths: ["%s"], operations: [write]}}
                """.formatted(secrets, guarded));
        List<String> steps = List.of(
                "rename|" + key + "|" + work.resolve("out-renamed.txt"),
                "move|" + key + "|" + work.resolve("out-moved.txt"),
                "pool/move|" + key + "|" + work.resolve("out-pool.txt"),
                "copy|" + evil + "|" + guarded,
                "rename|" + evil2 + "|" + guarded,
                "rename|" + mine + "|" + work.resolve("mine-renamed.txt"),
                "move|" + work.resolve("mine-renamed.txt") + "|" + work.resolve("mine-moved.txt"),
                "copy|" + work.resolve("mine-moved.txt") + "|" + work.resolve("mine-copy.txt"));

        ForkedJvm.Result run = ForkedJvm.run(tmp, "policy=" + policy, List.of(), steps);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        for (String step : steps.subList(0, 5)) {
            assertThat(run.result(step)).as(step).startsWith("DENIED");
        }
        // The secret stayed where the rule guards it, and nowhere else.
        assertThat(key).hasContent("the secret");
        assertThat(work.resolve("out-renamed.txt")).doesNotExist();
        assertThat(work.resolve("out-moved.txt")).doesNotExist();
        assertThat(work.resolve("out-pool.txt")).doesNotExist();
        assertThat(guarded).hasContent("original");
        assertThat(evil2).exists();
        // Moves and copies the rules do not cover keep working.
        for (String step : steps.subList(5, steps.size())) {
            assertThat(run.result(step)).as(step).startsWith("OK");
        }
        assertThat(work.resolve("mine.txt")).doesNotExist();
        assertThat(work.resolve("mine-moved.txt")).hasContent("mine");
        assertThat(work.resolve("mine-copy.txt")).hasContent("mine");
        assertThat(run.stderr()).doesNotContain("could not decide");
    }
}
