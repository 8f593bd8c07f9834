package dev.klyo.javaagent;

import dev.klyo.policy.Policy;
import dev.klyo.policy.PolicyException;
import dev.klyo.policy.PolicyLoader;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The policy the agent runs when the configured one cannot be loaded: everything governed is
 * denied, except reading what the JVM itself needs to keep running (the JDK, the class path,
 * the agent jar, /proc, /sys and /dev, and where the JDK links its configuration), so the host degrades to "does nothing" instead of
 * crashing or running open.
 */
final class FailClosedPolicy {

    private FailClosedPolicy() {
    }

    static Policy create(String agentJar) {
        List<String> readable = new ArrayList<>(List.of("/proc/**", "/sys/**", "/dev/**"));
        String javaHome = System.getProperty("java.home");
        readable.add(tree(javaHome));
        // Distributions link parts of the JDK elsewhere (Debian: conf -> /etc/java-17-openjdk,
        // cacerts -> /etc/ssl/certs/java); rules match canonical paths, so allow the targets.
        readable.addAll(linkedTargets(Path.of(javaHome, "conf")));
        readable.addAll(linkedTargets(Path.of(javaHome, "lib", "security")));
        if (agentJar != null) {
            readable.add(agentJar);
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                File f = new File(entry).getAbsoluteFile();
                readable.add(f.isDirectory() ? tree(f.getPath()) : f.getPath());
            }
        }
        StringBuilder yaml = new StringBuilder("""
                version: 1
                name: klyo-fail-closed
                mode: enforce
                defaults: {http: deny, network: deny, dns: deny, file: deny, process: deny, sql: deny, tool: deny, model: deny}
                rules:
                  - id: fail-closed.jvm-reads
                    effect: allow
                    match:
                      file:
                        operations: [read, list]
                        paths:
                """);
        for (String path : readable) {
            yaml.append("          - ").append(quote(path)).append('\n');
        }
        try {
            return new PolicyLoader().parse(yaml.toString(), "klyo-fail-closed");
        } catch (PolicyException e) {
            // Unreachable unless a class path entry cannot be expressed; deny every file then.
            try {
                return new PolicyLoader().parse("version: 1\nname: klyo-fail-closed\nmode: enforce\n"
                        + "defaults: {http: deny, network: deny, dns: deny, file: deny, process: deny, sql: deny, tool: deny, model: deny}\n",
                        "klyo-fail-closed");
            } catch (PolicyException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    /** Canonical paths of the files under {@code dir} that are symbolic links out of it. Runs before any hook exists. */
    private static List<String> linkedTargets(Path dir) {
        List<String> targets = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isSymbolicLink).forEach(link -> {
                try {
                    targets.add(FilePaths.canonical(link));
                } catch (IOException dangling) {
                    // Nothing to read there.
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // No such directory in this JDK.
        }
        return targets;
    }

    private static String tree(String dir) {
        return dir.endsWith("/") ? dir + "**" : dir + "/**";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
