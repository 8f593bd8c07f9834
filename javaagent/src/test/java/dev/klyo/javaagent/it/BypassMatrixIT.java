package dev.klyo.javaagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bypass matrix: every vector the agent hooks, against a denied host, directory and
 * command, from several kinds of thread, in enforce and observe mode, and the same vectors
 * against allowed targets. Judged by what the loopback servers received and what is on disk.
 */
class BypassMatrixIT {

    private static LoopbackTargets good;
    private static LoopbackTargets evil;
    private static int javaVersion;

    @BeforeAll
    static void startServers() throws Exception {
        evil = new LoopbackTargets("127.0.0.2", null);
        good = new LoopbackTargets("127.0.0.1", "http://evil.test:" + evil.httpPort());
        javaVersion = ForkedJvm.javaVersion();
    }

    @AfterAll
    static void stopServers() throws IOException {
        good.close();
        evil.close();
    }

    private static String evilUrl(String path) {
        return "http://evil.test:" + evil.httpPort() + path;
    }

    private static String goodUrl(String path) {
        return "http://good.test:" + good.httpPort() + path;
    }

    /** Network vectors against evil.test / 127.0.0.2; {@code id} keeps each request's path apart. */
    private static List<String> deniedNetwork(String id) {
        int tcp = evil.tcp.getLocalPort();
        int udp = evil.udp.getLocalPort();
        return List.of(
                "urlconn-get|" + evilUrl("/" + id + "/urlconn-get"),
                "urlconn-post|" + evilUrl("/" + id + "/urlconn-post"),
                "urlconn-get|http://127.0.0.2:" + evil.httpPort() + "/" + id + "/ip-literal",
                "httpclient-send|" + evilUrl("/" + id + "/httpclient-send"),
                "httpclient-async|" + evilUrl("/" + id + "/httpclient-async"),
                "httpclient-post|" + evilUrl("/" + id + "/httpclient-post"),
                "okhttp|" + evilUrl("/" + id + "/okhttp"),
                "apache|" + evilUrl("/" + id + "/apache"),
                "apache-async|" + evilUrl("/" + id + "/apache-async"),
                "urlconn-get|" + goodUrl("/redirect/" + id + "/redirect-urlconn"),
                "httpclient-send|" + goodUrl("/redirect/" + id + "/redirect-httpclient"),
                "okhttp|" + goodUrl("/redirect/" + id + "/redirect-okhttp"),
                "apache|" + goodUrl("/redirect/" + id + "/redirect-apache"),
                "thread/urlconn-get|" + evilUrl("/" + id + "/thread"),
                "pool/httpclient-send|" + evilUrl("/" + id + "/pool"),
                "cf/okhttp|" + evilUrl("/" + id + "/cf"),
                "vthread/httpclient-send|" + evilUrl("/" + id + "/vthread"),
                "socket|127.0.0.2|" + tcp,
                "socket|evil.test|" + tcp,
                "channel|127.0.0.2|" + tcp,
                "async-channel|127.0.0.2|" + tcp,
                "pool/socket|127.0.0.2|" + tcp,
                "vthread/channel|127.0.0.2|" + tcp,
                "udp|127.0.0.2|" + udp,
                "udp-channel|127.0.0.2|" + udp,
                "dns|evil.test");
    }

    private static List<String> deniedReads(Fixture f) {
        String s = f.secrets.toString();
        return List.of(
                "read|" + s + "/key.txt",
                "raf|" + s + "/key.txt",
                "nio-read|" + s + "/key.txt",
                "nio-read|" + f.allowed + "/../secrets/key.txt",
                "read|/proc/self/root" + s + "/key.txt",
                "read|" + f.allowed + "/link/key.txt",
                "nio-read|" + f.allowed + "/link/key.txt",
                "list|" + s,
                "list-files|" + s,
                "nio-list|" + s,
                "copy|" + s + "/key.txt|" + f.allowed + "/copied.txt",
                "pool/read|" + s + "/key.txt",
                "cf/nio-read|" + s + "/key.txt",
                "thread/raf|" + s + "/key.txt",
                "vthread/nio-read|" + s + "/key.txt");
    }

    private static List<String> deniedChanges(Fixture f) {
        String s = f.secrets.toString();
        return List.of(
                "write|" + s + "/new.txt",
                "nio-write|" + s + "/new-nio.txt",
                "nio-write|" + f.allowed + "/link/through-link.txt",
                "mkdir|" + s + "/sub",
                "chmod|" + s + "/key.txt",
                "hardlink|" + f.allowed + "/hardlink|" + s + "/key.txt",
                "symlink|" + f.allowed + "/symlink|" + s,
                "rename|" + s + "/key.txt|" + f.allowed + "/renamed.txt",
                "move|" + s + "/key.txt|" + f.allowed + "/moved.txt",
                "delete|" + s + "/key.txt",
                "nio-delete|" + s + "/key.txt");
    }

    private static List<String> deniedProcesses(Fixture f) {
        return List.of(
                "pb|touch|" + f.marker("pb"),
                "pb|/usr/bin/touch|" + f.marker("absolute"),
                "exec|touch " + f.marker("exec-string"),
                "exec-array|touch|" + f.marker("exec-array"),
                "pool/pb|touch|" + f.marker("pool"),
                "cf/exec|touch " + f.marker("cf"),
                "vthread/pb|touch|" + f.marker("vthread"));
    }

    @Test
    void enforceModeReachesNoDeniedTarget(@TempDir Path tmp) throws Exception {
        Fixture f = new Fixture(tmp);
        List<String> steps = new ArrayList<>();
        steps.addAll(deniedNetwork("enforce"));
        steps.addAll(deniedReads(f));
        steps.addAll(deniedChanges(f));
        steps.addAll(deniedProcesses(f));

        ForkedJvm.Result run = ForkedJvm.run(f.root, f.agentArgs(""), f.jvmOptions(), steps);
        evil.settle();

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        for (String step : steps) {
            String result = run.result(step);
            if (step.startsWith("vthread/") && javaVersion < 21) {
                assertThat(result).as(step).startsWith("SKIPPED");
            } else {
                assertThat(result).as(step).startsWith("DENIED").contains("[rule no-");
            }
        }
        // Ground truth: nothing reached the denied server, listener or UDP socket...
        assertThat(evil.byPath.keySet()).noneMatch(p -> p.startsWith("/enforce/"));
        assertThat(evil.connections.get()).isZero();
        assertThat(evil.datagrams.get()).isZero();
        // ...the secret is intact and was not copied, linked, renamed or moved out...
        assertThat(Files.readString(f.secretFile)).isEqualTo(Fixture.SECRET);
        try (Stream<Path> s = Files.list(f.secrets)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("key.txt");
        }
        try (Stream<Path> s = Files.list(f.allowed)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("ok.txt", "link");
        }
        assertThat(run.stdout()).doesNotContain(Fixture.SECRET);
        // ...and no denied process ran.
        try (Stream<Path> s = Files.list(f.root)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("marker-"));
        }
    }

    @Test
    void allowedTargetsKeepWorkingInEnforceMode(@TempDir Path tmp) throws Exception {
        Fixture f = new Fixture(tmp);
        int before = good.bodyBytes.get();
        List<String> steps = List.of(
                "urlconn-get|" + goodUrl("/allowed/urlconn-get"),
                "urlconn-post|" + goodUrl("/allowed/urlconn-post"),
                "httpclient-send|" + goodUrl("/allowed/httpclient-send"),
                "httpclient-async|" + goodUrl("/allowed/httpclient-async"),
                "okhttp|" + goodUrl("/allowed/okhttp"),
                "apache|" + goodUrl("/allowed/apache"),
                "apache-async|" + goodUrl("/allowed/apache-async"),
                "vthread/httpclient-send|" + goodUrl("/allowed/vthread"),
                "pool/urlconn-get|" + goodUrl("/allowed/pool"),
                "socket|127.0.0.1|" + good.tcp.getLocalPort(),
                "udp|127.0.0.1|" + good.udp.getLocalPort(),
                "dns|good.test",
                "read|" + f.allowed + "/ok.txt",
                "nio-read|" + f.allowed + "/ok.txt",
                "nio-write|" + f.allowed + "/out.txt",
                "pb|mkdir|" + f.marker("allowed"));

        ForkedJvm.Result run = ForkedJvm.run(f.root, f.agentArgs(""), f.jvmOptions(), steps);
        good.settle();

        for (String step : steps) {
            if (step.startsWith("vthread/") && javaVersion < 21) {
                assertThat(run.result(step)).as(step).startsWith("SKIPPED");
                continue;
            }
            assertThat(run.result(step)).as(step).startsWith("OK");
        }
        for (String path : List.of("urlconn-get", "urlconn-post", "httpclient-send", "httpclient-async", "okhttp",
                "apache", "apache-async", "pool")) {
            assertThat(good.requestsTo("/allowed/" + path)).as(path).isEqualTo(1);
        }
        assertThat(good.bodyBytes.get() - before).isEqualTo("secret-payload".length());
        assertThat(good.connections.get()).isPositive();
        assertThat(good.datagrams.get()).isPositive();
        assertThat(run.result("read|" + f.allowed + "/ok.txt")).isEqualTo("OK fine");
        assertThat(Files.readString(f.allowed.resolve("out.txt"))).isEqualTo("written");
        assertThat(f.marker("allowed")).isDirectory();
    }

    @Test
    void observeModeReachesEverythingAndRecordsEachWouldBeDenial(@TempDir Path tmp) throws Exception {
        Fixture f = new Fixture(tmp);
        String s = f.secrets.toString();
        List<String> steps = new ArrayList<>(deniedNetwork("observe"));
        steps.addAll(List.of(
                "read|" + s + "/key.txt",
                "nio-read|" + f.allowed + "/link/key.txt",
                "nio-list|" + s,
                "nio-write|" + s + "/observed.txt",
                "pb|touch|" + f.marker("observed-pb"),
                "exec|touch " + f.marker("observed-exec")));
        int connectionsBefore = evil.connections.get();
        int datagramsBefore = evil.datagrams.get();

        ForkedJvm.Result run = ForkedJvm.run(f.root, f.agentArgs("mode=observe"), f.jvmOptions(), steps);
        evil.settle();

        for (String step : steps) {
            if (step.startsWith("vthread/") && javaVersion < 21) {
                continue;
            }
            assertThat(run.result(step)).as(step).startsWith("OK");
        }
        // Ground truth: everything arrived.
        for (String path : List.of("urlconn-get", "urlconn-post", "ip-literal", "httpclient-send", "httpclient-async",
                "httpclient-post", "okhttp", "apache", "apache-async", "redirect-urlconn", "redirect-httpclient",
                "redirect-okhttp", "redirect-apache", "thread", "pool", "cf")) {
            assertThat(evil.requestsTo("/observe/" + path)).as(path).isEqualTo(1);
        }
        assertThat(evil.connections.get() - connectionsBefore).isEqualTo(javaVersion >= 21 ? 6 : 5);
        assertThat(evil.datagrams.get() - datagramsBefore).isEqualTo(2);
        assertThat(run.result("read|" + s + "/key.txt")).isEqualTo("OK " + Fixture.SECRET);
        assertThat(f.secrets.resolve("observed.txt")).hasContent("written");
        assertThat(f.marker("observed-pb")).exists();
        assertThat(f.marker("observed-exec")).exists();
        // One recorded would-be denial per HTTP request the hooks decide (JDK clients and HttpURLConnection).
        for (String path : List.of("urlconn-get", "urlconn-post", "ip-literal", "httpclient-send", "httpclient-async",
                "httpclient-post", "redirect-urlconn", "redirect-httpclient", "thread", "pool")) {
            assertThat(f.observedDenials("http", "/observe/" + path)).as(path).isEqualTo(1);
        }
        assertThat(f.observedDenialsOf("network", "udp://127.0.0.2:" + evil.udp.getLocalPort())).isEqualTo(2);
        assertThat(f.observedDenials("dns", "evil.test")).isPositive();
        assertThat(f.observedDenials("file", "read " + s + "/key.txt")).isEqualTo(2);
        assertThat(f.observedDenials("file", "list " + s)).isEqualTo(1);
        assertThat(f.observedDenials("process", "touch " + f.marker("observed-pb"))).isEqualTo(1);
        assertThat(f.observedDenials("process", "touch " + f.marker("observed-exec"))).isEqualTo(1);
    }
}
