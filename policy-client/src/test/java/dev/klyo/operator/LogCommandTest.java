package dev.klyo.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.audit.AuditJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LogCommandTest {

    private static final Path FIXTURE = Run.resource("fixture-audit.jsonl");

    @TempDir
    Path dir;

    @Test
    void showsEveryEventAlignedWithOutcomeRuleAndTarget() throws Exception {
        Run run = Run.of(new LogCommand(), "--color=never", FIXTURE.toString());

        assertThat(run.exit()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(1 + Files.readAllLines(FIXTURE).size());
        int targetColumn = lines.get(0).indexOf("TARGET");
        for (String line : lines.subList(1, lines.size())) {
            assertThat(line.substring(0, targetColumn)).endsWith(" ");
            assertThat(line.charAt(targetColumn)).isNotEqualTo(' ');
        }
        assertThat(run.out()).contains("denied", "would-deny", "balanced.credential-files",
                "read /home/alice/.ssh/id_rsa  (credential stores are off limits to agents)");
        String sudo = lines.stream().filter(l -> l.contains("sudo apt-get")).findFirst().orElseThrow();
        assertThat(sudo).startsWith("2026-11-20T").contains(" denied ", " process ", " coder ", " s-202 ",
                " balanced.privilege-escal");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void filtersNarrowAcrossOptionsAndWidenWithinOne() {
        Run coderDenials = Run.of(new LogCommand(), "--color=never", "--agent", "coder", "--effect", "DENY",
                FIXTURE.toString());
        List<String> lines = coderDenials.out().lines().skip(1).toList();
        assertThat(lines).hasSize(3).allMatch(l -> l.contains(" coder "));
        assertThat(coderDenials.out()).contains("bash -c curl", "tcp://169.254.169.254:80", "sudo apt-get");

        Run twoKinds = Run.of(new LogCommand(), "--color=never", "--kind", "file", "--kind", "process",
                "--session", "s-202", FIXTURE.toString());
        assertThat(twoKinds.out().lines().skip(1)).hasSize(7)
                .allMatch(l -> l.contains(" file ") || l.contains(" process "));

        Run late = Run.of(new LogCommand(), "--color=never", "--since", "2026-11-20T09:30:00Z", FIXTURE.toString());
        assertThat(late.out().lines().skip(1)).extracting(l -> l.substring(0, 24))
                .isNotEmpty().allMatch(t -> t.compareTo("2026-11-20T09:30:00.000Z") >= 0);

        Run rule = Run.of(new LogCommand(), "--json", "--rule", "crm-api", FIXTURE.toString());
        assertThat(rule.out().lines().map(AuditJson::fromJson)).hasSize(9)
                .allMatch(e -> e.ruleId().equals("crm-api"));
    }

    @Test
    void badLinesAreReportedWithTheirNumberAndSkipped() throws Exception {
        List<String> good = Files.readAllLines(FIXTURE);
        Path log = dir.resolve("audit.jsonl");
        Files.write(log, List.of(good.get(0), "this is not json", "{}", good.get(1).substring(0, 50), "",
                "[1,2,3]", good.get(2)));

        Run run = Run.of(new LogCommand(), "--color=never", log.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out().lines().skip(1)).hasSize(2);
        assertThat(run.err()).contains(log + ":2: skipped", log + ":3: skipped", log + ":4: skipped",
                log + ":6: skipped", "2 events shown; 4 lines skipped").doesNotContain(":5:");
    }

    @Test
    void controlCharactersFromTheLogCannotDriveTheTerminal() throws Exception {
        String hostile = Files.readAllLines(FIXTURE).get(0)
                .replace("POST https://api.openai.com/v1/chat/completions",
                        "POST https://x.example/\\u001b[2J\\u001b]0;owned\\u0007\\r\\u202eevil");
        Path log = dir.resolve("hostile.jsonl");
        Files.writeString(log, hostile + "\n");

        Run run = Run.of(new LogCommand(), "--color=never", log.toString());

        assertThat(run.out()).doesNotContain("\u001b", "\u0007", "\r", "\u202e")
                .contains("https://x.example/\\x1b[2J\\x1b]0;owned\\x07\\r\\u202eevil");
    }

    @Test
    void colourMarksDenialsOnlyWhenAsked() {
        Run run = Run.of(new LogCommand(), "--color=always", "--effect", "deny", "--agent", "support-bot",
                FIXTURE.toString());
        assertThat(run.out().lines().skip(1)).isNotEmpty().allMatch(l -> l.startsWith("\u001b[31m"));
    }

    @Test
    void followPrintsLinesAppendedByAnotherWriterOnceEachAndOnlyWhenComplete() throws Exception {
        List<String> good = Files.readAllLines(FIXTURE);
        Path log = dir.resolve("live.jsonl");
        Files.writeString(log, good.get(0) + "\n");
        Following f = Following.start(log);

        waitFor(() -> f.out.toString().lines().count() == 1);
        String second = good.get(5);
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(log, second.substring(0, 40), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                Thread.sleep(100);
                Files.writeString(log, second.substring(40) + "\n" + good.get(6) + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.APPEND);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        writer.join();
        waitFor(() -> f.out.toString().lines().count() == 3);
        f.stop();

        assertThat(f.out.toString().lines().map(AuditJson::fromJson).map(e -> e.eventId()))
                .containsExactly(AuditJson.fromJson(good.get(0)).eventId(), AuditJson.fromJson(second).eventId(),
                        AuditJson.fromJson(good.get(6)).eventId());
        assertThat(f.err.toString()).isEmpty();
    }

    @Test
    void followReadsATruncatedFileFromTheStart() throws Exception {
        List<String> good = Files.readAllLines(FIXTURE);
        Path log = dir.resolve("truncated.jsonl");
        Files.writeString(log, good.get(0) + "\n" + good.get(1) + "\n");
        Following f = Following.start(log);
        waitFor(() -> f.out.toString().lines().count() == 2);

        Files.writeString(log, good.get(2) + "\n");
        waitFor(() -> f.out.toString().lines().count() == 3);
        f.stop();

        assertThat(AuditJson.fromJson(f.out.toString().lines().toList().get(2)).eventId())
                .isEqualTo(AuditJson.fromJson(good.get(2)).eventId());
        assertThat(f.err.toString()).contains("rotated or truncated");
    }

    @Test
    void followMovesToTheNewFileWhenTheLogIsRotated() throws Exception {
        List<String> good = Files.readAllLines(FIXTURE);
        Path log = dir.resolve("rotating.jsonl");
        Files.writeString(log, good.get(0) + "\n");
        Following f = Following.start(log);
        waitFor(() -> f.out.toString().lines().count() == 1);

        Files.move(log, dir.resolve("rotating.jsonl.1"));
        Files.writeString(log, good.get(7) + "\n" + good.get(8) + "\n");
        waitFor(() -> f.out.toString().lines().count() == 3);
        f.stop();

        assertThat(f.out.toString().lines().map(l -> AuditJson.fromJson(l).eventId()).toList()).containsExactly(
                AuditJson.fromJson(good.get(0)).eventId(), AuditJson.fromJson(good.get(7)).eventId(),
                AuditJson.fromJson(good.get(8)).eventId());
    }

    @Test
    void followSurvivesRotationsThatRaceItsPolling() throws Exception {
        List<String> good = Files.readAllLines(FIXTURE);
        Path log = dir.resolve("racing.jsonl");
        Files.writeString(log, good.get(0) + "\n");
        Following f = Following.start(log, "1");
        waitFor(() -> f.out.toString().lines().count() == 1);

        // Each rotation leaves a moment with no file at the path and a moment with an empty one; a
        // 1 ms poll lands in those moments often. Each new file is waited for, so none is skipped.
        int rotations = 40;
        for (int i = 1; i <= rotations; i++) {
            Files.move(log, dir.resolve("racing.jsonl." + i));
            Files.writeString(log, good.get(i % good.size()) + "\n");
            long expected = i + 1;
            waitFor(() -> f.out.toString().lines().count() >= expected);
        }
        f.stop();

        assertThat(f.out.toString().lines().count()).isEqualTo(rotations + 1);
        assertThat(f.exit.get()).isZero();
    }

    /** {@code klyo log --follow --json} running on its own thread, as a terminal would run it. */
    private record Following(Thread thread, StringWriter out, StringWriter err, AtomicInteger exit) {
        static Following start(Path log) {
            return start(log, "10");
        }

        static Following start(Path log, String pollMillis) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = new CommandLine(new LogCommand());
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            AtomicInteger exit = new AtomicInteger(-1);
            Thread t = new Thread(() -> exit.set(cli.execute("--follow", "--json", "--poll", pollMillis, log.toString())));
            t.start();
            return new Following(t, out, err, exit);
        }

        void stop() throws InterruptedException {
            thread.interrupt();
            thread.join(10_000);
            assertThat(thread.isAlive()).isFalse();
            assertThat(exit.get()).isZero();
        }
    }

    @Test
    void aMissingFileIsAnInputError() {
        Run run = Run.of(new LogCommand(), dir.resolve("nope.jsonl").toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("no such file: " + dir.resolve("nope.jsonl"));
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in 20 s");
            }
            Thread.sleep(10);
        }
    }
}
