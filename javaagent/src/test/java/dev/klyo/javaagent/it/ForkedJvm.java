package dev.klyo.javaagent.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Starts {@code java -javaagent:klyo.jar=... Probe steps...} as a separate JVM, the way a user
 * would. The java executable is {@code -Dklyo.test.java} (the JDK running Maven by default), so
 * the same tests run on Java 17 and Java 25. Every such JVM verifies the JDK's own classes too
 * ({@code BytecodeVerificationLocal}, off by default): the agent rewrites some of them, and
 * bytecode it got wrong must fail a test here rather than crash a user's JVM.
 */
final class ForkedJvm {

    static final String JAVA = System.getProperty("klyo.test.java",
            Path.of(System.getProperty("java.home"), "bin", "java").toString());
    static final String AGENT = System.getProperty("klyo.test.agent", "target/klyo.jar");

    record Result(int exitCode, Map<String, String> results, String stdout, String stderr) {

        String result(String step) {
            String r = results.get(step);
            if (r == null) {
                throw new AssertionError("no RESULT for " + step + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
            return r;
        }
    }

    private ForkedJvm() {
    }

    static int javaVersion() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(JAVA, "-XshowSettings:properties", "-version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        for (String line : out.split("\n")) {
            line = line.trim();
            if (line.startsWith("java.specification.version = ")) {
                return Integer.parseInt(line.substring("java.specification.version = ".length()).trim());
            }
        }
        throw new IllegalStateException("cannot tell the version of " + JAVA + ":\n" + out);
    }

    static Result run(Path workDir, String agentArgs, List<String> jvmOptions, List<String> steps)
            throws IOException, InterruptedException {
        return run(workDir, agentArgs, jvmOptions, "dev.klyo.javaagent.programs.Probe", steps);
    }

    /** Runs {@code mainClass} (a program printing {@code RESULT <step><TAB>...} lines) under the agent. */
    static Result run(Path workDir, String agentArgs, List<String> jvmOptions, String mainClass, List<String> steps)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(JAVA);
        command.add("-Dsun.net.httpserver.nodelay=true");
        command.add("-XX:+UnlockDiagnosticVMOptions");
        command.add("-XX:+BytecodeVerificationLocal");
        command.addAll(jvmOptions);
        command.add("-javaagent:" + Path.of(AGENT).toAbsolutePath() + (agentArgs.isEmpty() ? "" : "=" + agentArgs));
        command.add("-cp");
        command.add(applicationClassPath());
        command.add(mainClass);
        command.addAll(steps);
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("forked JVM did not finish: " + command + "\n" + Files.readString(err));
        }
        String stdout = Files.readString(out);
        Map<String, String> results = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            if (line.startsWith("RESULT ")) {
                int tab = line.indexOf('\t', 7);
                results.put(line.substring(7, tab), line.substring(tab + 1));
            }
        }
        return new Result(process.exitValue(), results, stdout, Files.readString(err));
    }

    /**
     * The test class path minus the agent's own unshaded classes: an application that carries
     * klyo-policy-client, OkHttp and Apache HttpClient, but not the agent.
     */
    private static String applicationClassPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String agentClasses = Path.of("target", "classes").toAbsolutePath().toString();
        return Arrays.stream(cp.split(File.pathSeparator))
                .filter(e -> !Path.of(e).toAbsolutePath().toString().equals(agentClasses))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
