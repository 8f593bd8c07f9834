package dev.klyo.benchmarks.agent;

import com.sun.net.httpserver.HttpServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Calls the javaagent governs, timed per call. The two subclasses differ only in their forks'
 * JVM arguments (with and without {@code -javaagent:klyo.jar}), so one JMH run yields the
 * baseline and the governed cost side by side. Results and command: docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class AgentWorkload {

    private static final byte[] SMALL = "a small file the agent decides on every open\n".repeat(8)
            .getBytes(StandardCharsets.UTF_8);

    private HttpServer server;
    private HttpClient client;
    private HttpRequest request;
    private Path dir;
    private Path file;
    private final byte[] buffer = new byte[SMALL.length];

    @Setup
    public void setUp() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        // One pooled keep-alive connection: the benchmark times the request, not the TCP handshake.
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/ping"))
                .build();
        dir = Files.createTempDirectory("klyo-agent-bench");
        file = Files.write(dir.resolve("small.txt"), SMALL);
    }

    @TearDown
    public void tearDown() throws IOException {
        server.stop(0);
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public String httpGet() throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    @Benchmark
    public int fileInputStreamRead() throws IOException {
        try (InputStream in = new FileInputStream(file.toFile())) {
            return in.read(buffer);
        }
    }

    @Benchmark
    public byte[] filesReadAllBytes() throws IOException {
        return Files.readAllBytes(file);
    }
}
