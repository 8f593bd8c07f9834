package dev.klyo.audit.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.audit.AuditJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingJsonLinesAuditSinkTest {

    @Test
    void rotatesBySizeKeepsAtMostNFilesAndNeverSplitsALine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        long max = 2_000;
        try (RotatingJsonLinesAuditSink sink = new RotatingJsonLinesAuditSink(file, max, 3)) {
            for (int i = 0; i < 200; i++) {
                sink.write(TestEvents.event("e" + i));
            }
        }
        List<Path> files = new ArrayList<>(List.of(file));
        for (int i = 1; i <= 3; i++) {
            files.add(file.resolveSibling("audit.jsonl." + i));
        }
        assertThat(file.resolveSibling("audit.jsonl.4")).doesNotExist();
        Set<String> ids = new HashSet<>();
        for (Path f : files) {
            assertThat(f).exists();
            assertThat(Files.size(f)).isLessThanOrEqualTo(max);
            for (String line : Files.readAllLines(f)) {
                ids.add(AuditJson.fromJson(line).eventId());
            }
        }
        // The newest events are all there, contiguous up to the last one written.
        assertThat(ids).contains("e199", "e198");
        int oldest = ids.stream().mapToInt(s -> Integer.parseInt(s.substring(1))).min().orElseThrow();
        assertThat(ids).hasSize(200 - oldest);
        assertThat(oldest).isPositive();
    }

    @Test
    void reopeningAppendsToTheCurrentFileAndCountsWhatComesAfterClose(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (RotatingJsonLinesAuditSink sink = new RotatingJsonLinesAuditSink(file, 1 << 20, 2)) {
            sink.write(TestEvents.event("a"));
        }
        RotatingJsonLinesAuditSink again = new RotatingJsonLinesAuditSink(file, 1 << 20, 2);
        again.write(TestEvents.event("b"));
        again.close();
        again.write(TestEvents.event("c"));
        assertThat(Files.readAllLines(file)).hasSize(2);
        assertThat(again.dropped()).isEqualTo(1);
    }
}
