package dev.klyo.audit.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.audit.AuditJson;
import dev.klyo.server.PolicyServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shipping to a real {@code klyo serve} on loopback, judged by what its store holds on disk. */
class HttpAuditShipperTest {

    @TempDir
    Path dir;
    private PolicyServer server;
    private int port;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private void startServer() throws Exception {
        server = PolicyServer.start(new PolicyServer.Config(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                null, null, dir.resolve("server/audit.jsonl"), Duration.ofHours(1)));
        port = server.port();
    }

    private void stopServer() throws Exception {
        server.close();
        server = null;
    }

    private HttpAuditShipper shipper() throws Exception {
        return new HttpAuditShipper(HttpAuditShipper.Settings.of(URI.create("http://127.0.0.1:" + port + "/v1/audit"),
                dir.resolve("spool")).withRetry(Duration.ofMillis(20), Duration.ofMillis(200)));
    }

    /** Event id to number of times it is in the server's store. */
    private Map<String, Integer> stored() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        Path file = dir.resolve("server/audit.jsonl");
        if (Files.exists(file)) {
            // The server may be appending right now: only complete lines count.
            String text = Files.readString(file);
            for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
                if (!line.isEmpty()) {
                    counts.merge(AuditJson.fromJson(line).eventId(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private void awaitStored(int n) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (stored().size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static void write(HttpAuditShipper s, int from, int to) {
        for (int i = from; i < to; i++) {
            s.write(TestEvents.event("e" + i));
        }
    }

    @Test
    void shipsEveryEventOnceWhileTheServerIsUp() throws Exception {
        startServer();
        HttpAuditShipper s = shipper();
        write(s, 0, 1_200);
        s.flush();
        awaitStored(1_200);
        s.close();
        assertThat(stored()).hasSize(1_200).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertThat(s.shipped()).isEqualTo(1_200);
        assertThat(s.dropped()).isZero();
    }

    @Test
    void everyEventArrivesExactlyOnceAcrossAServerRestart() throws Exception {
        startServer();
        HttpAuditShipper s = shipper();
        write(s, 0, 300);
        s.flush();
        awaitStored(300);

        stopServer();
        write(s, 300, 700);
        s.flush();
        assertThat(s.spooledBatches()).isPositive();
        assertThat(stored()).hasSize(300);

        startServer();
        write(s, 700, 1_000);
        awaitStored(1_000);
        s.close();
        assertThat(stored()).hasSize(1_000).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertThat(s.dropped()).isZero();
        assertThat(s.spooledBatches()).isZero();
    }

    @Test
    void aServerDownAtStartAndAJvmRestartLoseNothing() throws Exception {
        startServer();
        stopServer();
        HttpAuditShipper first = shipper();
        write(first, 0, 500);
        first.close();
        assertThat(first.dropped()).isZero();
        assertThat(Files.list(dir.resolve("spool")).count()).isPositive();

        startServer();
        HttpAuditShipper second = shipper();
        write(second, 500, 600);
        awaitStored(600);
        second.close();
        assertThat(stored()).hasSize(600).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void memoryIsBoundedByTheQueueAndTheOverflowGoesToDisk() throws Exception {
        startServer();
        stopServer();
        HttpAuditShipper s = new HttpAuditShipper(HttpAuditShipper.Settings.of(
                URI.create("http://127.0.0.1:" + port + "/v1/audit"), dir.resolve("spool"))
                .withBounds(8, 200, 64L << 20).withRetry(Duration.ofMillis(20), Duration.ofMillis(100)));
        write(s, 0, 2_000);
        s.flush();
        assertThat(s.dropped()).isZero();
        startServer();
        awaitStored(2_000);
        s.close();
        assertThat(stored()).hasSize(2_000).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void aFullSpoolDropsAndCountsWhatDoesNotFit() throws Exception {
        startServer();
        stopServer();
        HttpAuditShipper s = new HttpAuditShipper(HttpAuditShipper.Settings.of(
                URI.create("http://127.0.0.1:" + port + "/v1/audit"), dir.resolve("spool"))
                .withBounds(8, 4, 4_000).withRetry(Duration.ofMillis(20), Duration.ofMillis(100)));
        write(s, 0, 200);
        s.flush();
        s.close();
        long spooledLines = 0;
        for (Path p : Files.list(dir.resolve("spool")).toList()) {
            spooledLines += Files.readAllLines(p).size();
        }
        assertThat(s.dropped()).isPositive();
        assertThat(s.dropped() + spooledLines).isEqualTo(200);
    }
}
