package dev.klyo.javaagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the file hooks' shortcuts must not open: with no audit file (the setting where reads skip
 * work), a read-only policy still stops writes and protects Klyo's own policy file, a path
 * swapped for a symbolic link between two reads is resolved again, and an open that deletes on
 * close is a delete. Judged from the disk.
 */
class FileDecisionShortcutsIT {

    @Test
    void withoutPathRulesReadsPassAndWritesDeletesAndKlyosOwnFileStayGuarded(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("work"));
        Path ok = Files.writeString(dir.resolve("ok.txt"), "fine");
        Path policy = Files.writeString(tmp.resolve("policy.yaml"), """
                version: 1
                name: read-only
                defaults: {file: allow, process: allow}
                rules:
                  - id: no-changes
                    effect: deny
                    message: read only
                    match: {file: {operations: [write, create, delete]}}
                """);
        String original = Files.readString(policy);
        List<String> steps = List.of(
                "read|" + ok,
                "nio-read|" + ok,
                "pool/nio-read|" + ok,
                "list|" + dir,
                "write|" + dir.resolve("new.txt"),
                "nio-write|" + ok,
                "nio-read-delete-on-close|" + ok,
                "write|" + policy,
                "nio-delete|" + policy);

        ForkedJvm.Result run = ForkedJvm.run(tmp, "policy=" + policy, List.of(), steps);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.result("read|" + ok)).isEqualTo("OK fine");
        assertThat(run.result("nio-read|" + ok)).isEqualTo("OK fine");
        assertThat(run.result("pool/nio-read|" + ok)).isEqualTo("OK fine");
        assertThat(run.result("list|" + dir)).isEqualTo("OK ok.txt");
        for (String step : steps.subList(4, steps.size())) {
            assertThat(run.result(step)).as(step).startsWith("DENIED");
        }
        assertThat(dir.resolve("new.txt")).doesNotExist();
        assertThat(Files.readString(ok)).isEqualTo("fine");
        assertThat(Files.readString(policy)).isEqualTo(original);
    }

    @Test
    void aDirectorySwappedForASymlinkAfterAReadIsResolvedAgain(@TempDir Path tmp) throws Exception {
        Path secrets = Files.createDirectories(tmp.resolve("secrets"));
        Files.writeString(secrets.resolve("key.txt"), "the secret");
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(work.resolve("key.txt"), "harmless");
        Path policy = Files.writeString(tmp.resolve("policy.yaml"), """
                version: 1
                name: no-secrets
                defaults: {file: allow, process: allow}
                rules:
                  - id: no-secrets
                    effect: deny
                    match: {file: {paths: ["%s/**"], operations: [read]}}
                """.formatted(secrets));
        String key = work.resolve("key.txt").toString();
        String again = work + "/./key.txt";
        String traversal = tmp.resolve("old") + "/../work/key.txt";
        // The swap runs in child processes, which no file hook sees: only resolving again can catch it.
        ForkedJvm.Result run = ForkedJvm.run(tmp, "policy=" + policy, List.of(), List.of(
                "read|" + key,
                "pb|mv|" + work + "|" + tmp.resolve("old"),
                "pb|ln|-s|" + secrets + "|" + work,
                "read|" + again,
                "nio-read|" + again,
                "raf|" + again,
                "nio-read|" + traversal));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.result("read|" + key)).isEqualTo("OK harmless");
        assertThat(Files.isSymbolicLink(work)).isTrue();
        for (String step : List.of("read|" + again, "nio-read|" + again, "raf|" + again, "nio-read|" + traversal)) {
            assertThat(run.result(step)).as(step).startsWith("DENIED").contains("[rule no-secrets");
        }
        assertThat(run.stdout()).doesNotContain("the secret");
    }
}
