package dev.klyo.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klyo.audit.AuditEvent;
import dev.klyo.audit.AuditJson;
import dev.klyo.central.BundleKeys;
import dev.klyo.central.PolicyEvents;
import dev.klyo.central.TestBundles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two agent JVMs against one reference server: a newly signed bundle reaches both, a tampered one
 * is refused by both, both keep enforcing through a server outage, a team cannot lift an org deny,
 * and every decision lands exactly once in the server's audit store.
 */
class TwoAgentsEndToEndTest {

    private static final String ORG_A = """
            version: 1
            name: org-a
            defaults: {tool: deny}
            rules:
              - id: no-drop
                effect: deny
                message: dropping is off limits
                match: {tool: {names: ["drop_*"]}}
              - id: reads
                effect: allow
                match: {tool: {names: ["get_*"]}}
            """;
    private static final String ORG_B = ORG_A.replace("org-a", "org-b").replace("effect: allow", "effect: deny");
    private static final String OPS = """
            version: 1
            name: ops
            rules:
              - id: ops-tools
                effect: allow
                match: {tool: {names: ["drop_*", restart]}}
            """;

    @TempDir
    Path dir;
    private PolicyServer server;
    private int port;
    private final List<Agent> agents = new ArrayList<>();

    /** One forked JVM and its command pipe. */
    private static final class Agent {
        final String name;
        final Process process;
        final PrintWriter in;
        final BufferedReader out;
        long decisions;

        Agent(String name, Process process) {
            this.name = name;
            this.process = process;
            this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        String decide(String tool, String group) throws Exception {
            in.println("decide " + name + " " + tool + (group == null ? "" : " " + group));
            decisions++;
            return out.readLine();
        }
    }

    @AfterEach
    void stop() throws Exception {
        agents.forEach(a -> a.process.destroyForcibly());
        if (server != null) {
            server.close();
        }
    }

    private void startServer() throws Exception {
        server = PolicyServer.start(new PolicyServer.Config(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                dir.resolve("bundles"), null, dir.resolve("store/audit.jsonl"), Duration.ofHours(1)));
        port = server.port();
    }

    private Agent startAgent(String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), AgentProcess.class.getName(),
                "policyUrl=http://127.0.0.1:" + port + "/bundles/agents.json",
                "publicKey=" + BundleKeys.base64(TestBundles.KEY.getPublic()),
                "bundleCache=" + dir.resolve(name + "/bundle.json"),
                "pollInterval=200ms",
                "auditUrl=http://127.0.0.1:" + port + "/v1/audit",
                "auditSpool=" + dir.resolve(name + "/spool"),
                "auditRetryMax=300ms")
                .redirectError(dir.resolve(name + ".err").toFile()).start();
        Agent a = new Agent(name, p);
        assertThat(a.out.readLine()).isEqualTo("ready");
        agents.add(a);
        return a;
    }

    private void publish(byte[] bundle) throws Exception {
        Path tmp = dir.resolve("bundles/.next");
        Files.write(tmp, bundle);
        Files.move(tmp, dir.resolve("bundles/agents.json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Asks until the answer satisfies {@code until} or a generous deadline passes; returns the last answer. */
    private static String awaitAnswer(Agent a, String tool, String group, Predicate<String> until) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        String answer = a.decide(tool, group);
        while (!until.test(answer) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            answer = a.decide(tool, group);
        }
        return answer;
    }

    @Test
    void twoAgentsFollowOneServerThroughUpdatesTamperingAndAnOutage() throws Exception {
        Files.createDirectories(dir.resolve("bundles"));
        publish(TestBundles.signed("A", ORG_A, Map.of("ops", OPS), TestBundles.KEY));
        startServer();
        Agent one = startAgent("agent-1");
        Agent two = startAgent("agent-2");

        for (Agent a : agents) {
            assertThat(a.decide("get_x", null)).isEqualTo("allow true A");
            assertThat(a.decide("restart", "ops")).isEqualTo("allow true A");
            assertThat(a.decide("restart", null)).isEqualTo("deny true A");
            // The ops team allows drop_*; the org's deny still wins.
            assertThat(a.decide("drop_db", "ops")).isEqualTo("deny true A");
        }

        publish(TestBundles.signed("B", ORG_B, Map.of("ops", OPS), TestBundles.KEY));
        for (Agent a : agents) {
            assertThat(awaitAnswer(a, "get_x", null, s -> s.endsWith(" B"))).isEqualTo("deny true B");
        }

        // Tampered: B's envelope with a payload that allows everything, signature left as it was.
        ObjectNode env = (ObjectNode) new ObjectMapper().readTree(TestBundles.signed("B", ORG_B, Map.of(), TestBundles.KEY));
        env.put("payload", Base64.getEncoder().encodeToString(new String(TestBundles.signed("C", ORG_A, Map.of(),
                TestBundles.KEY), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8)));
        publish(new ObjectMapper().writeValueAsBytes(env));
        Thread.sleep(1_000);
        for (Agent a : agents) {
            assertThat(a.decide("get_x", null)).isEqualTo("deny true B");
        }

        server.close();
        server = null;
        for (int i = 0; i < 20; i++) {
            for (Agent a : agents) {
                assertThat(a.decide(i % 2 == 0 ? "get_x" : "drop_db", "ops")).isEqualTo("deny true B");
            }
        }
        startServer();

        for (Agent a : agents) {
            a.in.println("exit");
            assertThat(a.out.readLine()).isEqualTo("decisions " + a.decisions);
            assertThat(a.process.waitFor()).isZero();
        }

        List<AuditEvent> stored = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("store/audit.jsonl"))) {
            stored.add(AuditJson.fromJson(line));
        }
        Set<String> ids = new HashSet<>();
        stored.forEach(e -> assertThat(ids.add(e.eventId())).as("stored once: " + e.eventId()).isTrue());
        for (Agent a : List.of(one, two)) {
            assertThat(stored.stream().filter(e -> e.kind().equals("tool") && e.agentId().equals(a.name)).count())
                    .as(a.name + " decisions in the store").isEqualTo(a.decisions);
        }
        assertThat(stored.stream().filter(e -> PolicyEvents.REJECTED.equals(e.ruleId())).count()).isEqualTo(2);
        assertThat(stored.stream().filter(e -> PolicyEvents.REJECTED.equals(e.ruleId())))
                .allSatisfy(e -> assertThat(e.message()).contains("signature does not verify").contains("keeping B"));
    }
}
