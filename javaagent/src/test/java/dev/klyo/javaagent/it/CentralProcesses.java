package dev.klyo.javaagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real processes of a central-policy deployment, all from target/klyo.jar: the CLI
 * ({@code keygen}, {@code sign}), {@code klyo serve} on loopback, and application JVMs running
 * {@link dev.klyo.javaagent.programs.CentralRequestLoop} under {@code -javaagent:klyo.jar=...}.
 */
final class CentralProcesses {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    private CentralProcesses() {
    }

    /** Runs one CLI command to completion and returns its output; fails the test on a non-zero exit. */
    static String cli(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ForkedJvm.JAVA, "-jar", agentJar()));
        command.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(command + "\n" + out).isZero();
        return out;
    }

    static String agentJar() {
        return Path.of(ForkedJvm.AGENT).toAbsolutePath().toString();
    }

    /** {@code java -jar klyo.jar serve} as its own process. */
    static final class Server implements AutoCloseable {
        final Process process;
        final int port;

        private Server(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        /** Starts on {@code port} (0: a free one) and waits for the line that says where it listens. */
        static Server start(Path dir, int port, String... options) throws IOException {
            List<String> command = new ArrayList<>(List.of(ForkedJvm.JAVA, "-jar", agentJar(), "serve",
                    "--bind", "127.0.0.1", "--port", String.valueOf(port)));
            command.addAll(Arrays.asList(options));
            Process p = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("serve.err").toFile())).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    return new Server(p, Integer.parseInt(m.group(1)));
                }
            }
            throw new AssertionError("klyo serve did not start: " + Files.readString(dir.resolve("serve.err")));
        }

        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        /** Kills the server the hard way, as an outage would. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            kill();
        }
    }

    /** An application JVM under the agent, driven line by line. */
    static final class App implements AutoCloseable {
        final String name;
        final Process process;
        final Path stderr;
        private final PrintWriter in;
        private final BufferedReader out;
        int attempts;

        App(Path dir, String name, String agentArgs, List<String> jvmOptions) throws IOException {
            this.name = name;
            List<String> command = new ArrayList<>(List.of(ForkedJvm.JAVA));
            command.addAll(jvmOptions);
            command.add("-javaagent:" + agentJar() + "=" + agentArgs);
            command.add("-cp");
            command.add(testClasses());
            command.add("dev.klyo.javaagent.programs.CentralRequestLoop");
            stderr = dir.resolve(name + ".err");
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectError(stderr.toFile()).start();
            in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertThat(first).as(name + " started; stderr:\n" + Files.readString(stderr)).isEqualTo("ready");
        }

        /** One GET by the program; {@code ok 200}, {@code denied ...} or {@code failed ...}. */
        String get(String url) throws IOException {
            attempts++;
            return ask("get " + url);
        }

        /** The program overwrites {@code file} with {@code text}: {@code ok written} or {@code denied ...}. */
        String write(Path file, String text) throws IOException {
            return ask("write " + file + " " + text.replace("\n", "\\n"));
        }

        private String ask(String command) throws IOException {
            in.println(command);
            String answer = out.readLine();
            if (answer == null) {
                throw new AssertionError(name + " died; stderr:\n" + Files.readString(stderr));
            }
            return answer;
        }

        /** Asks the program to return from main, so the agent's shutdown hook flushes and ships. */
        void exit() throws IOException, InterruptedException {
            in.println("exit");
            assertThat(out.readLine()).isEqualTo("bye");
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as(name + " exited").isTrue();
            assertThat(process.exitValue()).as(name + " exit code; stderr:\n" + Files.readString(stderr)).isZero();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    /** The test classes only: the program needs nothing else, and the agent brings its own engine. */
    private static String testClasses() {
        String classes = System.getProperty("klyo.test.classes", Path.of("target", "test-classes").toString());
        return Path.of(classes).toAbsolutePath() + File.pathSeparator;
    }

    static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        if (Files.exists(file)) {
            ObjectMapper mapper = new ObjectMapper();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    events.add(mapper.readTree(line));
                }
            }
        }
        return events;
    }
}
