package dev.klyo.benchmarks.agent;

import com.sun.net.httpserver.HttpServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Calls the javaagent governs, timed per call. The subclasses differ only in their forks' JVM
 * arguments (none, {@code -javaagent:klyo.jar}, the JDK SecurityManager), so one JMH run yields
 * the baseline and the governed costs side by side. Results and command: docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class AgentWorkload {

    private static final int FILE_SIZE = 4096;

    private HttpServer server;
    private HttpClient client;
    private HttpRequest request;
    private ServerSocket echo;
    private Thread echoThread;
    private Path dir;
    private Path file;
    private Path mainClasses;
    private final byte[] buffer = new byte[FILE_SIZE];
    private final byte[] one = new byte[1];

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
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        echoThread = new Thread(this::serveEcho, "echo");
        echoThread.setDaemon(true);
        echoThread.start();
        dir = Files.createTempDirectory("klyo-agent-bench");
        byte[] content = new byte[FILE_SIZE];
        Arrays.fill(content, (byte) 'k');
        file = Files.write(dir.resolve("4k.txt"), content);
        mainClasses = writeMainClass(dir.resolve("main"));
    }

    @TearDown
    public void tearDown() throws IOException {
        server.stop(0);
        echo.close();
        deleteTree(dir);
    }

    /** Answers each connection's byte with one byte, then closes: one round trip per connection. */
    private void serveEcho() {
        while (!echo.isClosed()) {
            try (Socket s = echo.accept()) {
                int b = s.getInputStream().read();
                s.getOutputStream().write(b);
            } catch (IOException e) {
                // the client resets (linger 0) or the server closes at tear-down: next connection
            }
        }
    }

    @Benchmark
    public String httpGet() throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    @Benchmark
    public int socketRoundTrip() throws IOException {
        try (Socket s = new Socket()) {
            // Reset instead of FIN: no TIME_WAIT pile-up over millions of connections.
            s.setSoLinger(true, 0);
            s.connect(echo.getLocalSocketAddress());
            s.getOutputStream().write(7);
            return s.getInputStream().read(one);
        }
    }

    @Benchmark
    public int fileInputStream4k() throws IOException {
        try (InputStream in = new FileInputStream(file.toFile())) {
            return in.read(buffer);
        }
    }

    @Benchmark
    public int filesNewInputStream4k() throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read(buffer);
        }
    }

    /**
     * Not governed, the same in every fork: what resolving the file's path with the OS
     * ({@code realpath}) costs, the floor of a file decision under a policy with path rules.
     */
    @Benchmark
    public String canonicalPath() throws IOException {
        return file.toFile().getCanonicalPath();
    }

    @Benchmark
    public int processStart() throws IOException, InterruptedException {
        return new ProcessBuilder("/bin/true").start().waitFor();
    }

    // ---- JVM start to main ---------------------------------------------------------------------

    /**
     * Launches {@code java} with this fork's governance arguments (the agent, the
     * SecurityManager, or none) on {@link StartToMain}; timed until its main's byte arrives, so
     * JVM exit is not part of the score. One launch per invocation.
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, batchSize = 1)
    @Measurement(iterations = 20, batchSize = 1)
    public int jvmStartToMain(Launch launch) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(governanceArguments());
        command.addAll(List.of("-cp", mainClasses.toString(), StartToMain.class.getName()));
        launch.process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int first = launch.process.getInputStream().read();
        if (first != StartToMain.SIGNAL) {
            throw new IllegalStateException("the launched JVM did not reach main: " + command);
        }
        return first;
    }

    /** The launched JVM, reaped outside the timed part (invocation-level fixtures are not timed). */
    @State(Scope.Thread)
    public static class Launch {
        Process process;

        @TearDown(Level.Invocation)
        public void reap() throws InterruptedException {
            if (process != null) {
                process.waitFor();
                process = null;
            }
        }
    }

    /** {@link StartToMain} alone in a class directory, so the launched JVM opens no jar but the agent's. */
    private static Path writeMainClass(Path classes) throws IOException {
        String resource = StartToMain.class.getName().replace('.', '/') + ".class";
        Path target = classes.resolve(resource);
        Files.createDirectories(target.getParent());
        try (InputStream in = StartToMain.class.getClassLoader().getResourceAsStream(resource)) {
            Files.write(target, in.readAllBytes());
        }
        return classes;
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The arguments that make this fork governed, to give the launched JVM the same. */
    private static List<String> governanceArguments() {
        List<String> out = new ArrayList<>();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-javaagent:") || arg.startsWith("-Djava.security.")) {
                out.add(arg);
            }
        }
        return out;
    }
}
