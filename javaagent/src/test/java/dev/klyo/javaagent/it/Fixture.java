package dev.klyo.javaagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One test's world on disk: an allowed directory, a denied one holding a secret, a symbolic
 * link from the allowed into the denied directory, a hosts file mapping good.test and
 * evil.test to loopback addresses, and the policy denying evil.test, the secrets directory,
 * {@code touch} and the {@code wipe_disk} tool.
 */
final class Fixture {

    static final String SECRET = "topsecret-42";

    final Path root;
    final Path allowed;
    final Path secrets;
    final Path secretFile;
    final Path policy;
    final Path audit;
    final Path hosts;

    Fixture(Path tmp) throws IOException {
        root = tmp.toRealPath();
        allowed = Files.createDirectories(root.resolve("allowed"));
        secrets = Files.createDirectories(root.resolve("secrets"));
        secretFile = Files.writeString(secrets.resolve("key.txt"), SECRET);
        Files.writeString(allowed.resolve("ok.txt"), "fine");
        Files.createSymbolicLink(allowed.resolve("link"), secrets);
        hosts = Files.writeString(root.resolve("hosts"), "127.0.0.1 good.test\n127.0.0.2 evil.test\n");
        audit = root.resolve("audit.jsonl");
        policy = Files.writeString(root.resolve("policy.yaml"), """
                version: 1
                name: bypass-matrix
                mode: enforce
                defaults: {http: allow, network: allow, dns: allow, file: allow, process: allow, tool: allow}
                rules:
                  - id: no-evil
                    effect: deny
                    message: evil.test is off limits
                    match: {network: {hosts: ["evil.test", "127.0.0.2"]}}
                  - id: no-secrets
                    effect: deny
                    message: secrets are off limits
                    match: {file: {paths: ["%s", "%s/**"]}}
                  - id: no-touch
                    effect: deny
                    message: no touching
                    match: {process: {commands: [touch]}}
                  - id: no-wiping
                    effect: deny
                    message: destructive tools need a human
                    match: {tool: {names: [wipe_disk]}}
                """.formatted(secrets, secrets));
    }

    String agentArgs(String extra) {
        return "policy=" + policy + ",audit=" + audit + (extra.isEmpty() ? "" : "," + extra);
    }

    List<String> jvmOptions() {
        return List.of("-Djdk.net.hosts.file=" + hosts);
    }

    Path marker(String name) {
        return root.resolve("marker-" + name);
    }

    List<JsonNode> auditEvents() throws IOException {
        List<JsonNode> events = new ArrayList<>();
        if (Files.exists(audit)) {
            ObjectMapper mapper = new ObjectMapper();
            for (String line : Files.readAllLines(audit)) {
                if (!line.isBlank()) {
                    events.add(mapper.readTree(line));
                }
            }
        }
        return events;
    }

    /** Would-be denials recorded in observe mode whose target contains {@code fragment}. */
    long observedDenials(String kind, String fragment) throws IOException {
        return observed(kind).filter(e -> e.path("target").asText().contains(fragment)).count();
    }

    /** Would-be denials recorded in observe mode for exactly {@code target}. */
    long observedDenialsOf(String kind, String target) throws IOException {
        return observed(kind).filter(e -> e.path("target").asText().equals(target)).count();
    }

    /** Audit events of one action kind ({@code tool}, {@code http}, ...). */
    List<JsonNode> auditEvents(String kind) throws IOException {
        return auditEvents().stream().filter(e -> e.path("kind").asText().equals(kind)).toList();
    }

    private java.util.stream.Stream<JsonNode> observed(String kind) throws IOException {
        return auditEvents(kind).stream()
                .filter(e -> e.path("effect").asText().equals("deny") && !e.path("enforced").asBoolean());
    }
}
