package dev.klyo.javaagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klyo.javaagent.it.CentralProcesses.App;
import dev.klyo.javaagent.it.CentralProcesses.Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's "done when", with nothing but real processes: {@code klyo keygen} and {@code klyo sign}
 * from klyo.jar, {@code klyo serve} as its own process, and two application JVMs under
 * {@code -javaagent:klyo.jar=policyUrl=...,publicKey=...}. Judged by what a loopback target server
 * received from each JVM and by what the server's audit store holds.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CentralPolicyIT {

    private static final String DEFAULTS =
            "defaults: {http: deny, network: allow, dns: allow, file: allow, process: allow, sql: allow, tool: allow, model: allow}\n";
    private static final String ORG_A = "version: 1\nname: org\n" + DEFAULTS + """
            rules:
              - id: no-admin
                effect: deny
                message: admin pages are off limits for everyone
                match: {http: {paths: ["/admin/**"]}}
              - id: public
                effect: allow
                match: {http: {hosts: ["127.0.0.1"], paths: ["/public/**"]}}
              - id: api
                effect: allow
                match: {http: {hosts: ["127.0.0.1"], paths: ["/api/**"]}}
            """;
    /** Revision B closes the API. */
    private static final String ORG_B = ORG_A.replace("- id: api\n    effect: allow", "- id: api\n    effect: deny");
    /** The ops team allows admin pages (the org's deny must still win) and its own pages. */
    private static final String OPS = "version: 1\nname: ops\n" + DEFAULTS + """
            rules:
              - id: ops-pages
                effect: allow
                match: {http: {hosts: ["127.0.0.1"], paths: ["/admin/**", "/ops/**"]}}
            """;

    @TempDir
    Path tmp;
    private Path dir;
    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable c : running) {
            c.close();
        }
    }

    @Test
    void twoAgentJvmsFollowOneServerThroughUpdateTamperingOutageAndRestart() throws Exception {
        dir = tmp.toRealPath();
        assertThat(ORG_B).isNotEqualTo(ORG_A);
        Files.writeString(dir.resolve("org-a.yaml"), ORG_A);
        Files.writeString(dir.resolve("org-b.yaml"), ORG_B);
        Files.writeString(dir.resolve("ops.yaml"), OPS);
        Files.createDirectories(dir.resolve("bundles"));
        CentralProcesses.cli(dir, "keygen", "keys/org");
        sign("org-a.yaml", "A", "bundles/agents.json");

        Server server = serve(0);
        LoopbackTargets target = new LoopbackTargets("127.0.0.1", null);
        running.add(target);
        String base = "http://127.0.0.1:" + target.httpPort();

        // One JVM writes the central keys as docs/central-policy.md spells them, the other in the agent's own spelling.
        App alpha = app("alpha", "policyUrl=" + server.url("/bundles/agents.json") + ",publicKey=" + dir.resolve("keys/org.pub")
                + ",bundleCache=" + dir.resolve("alpha/bundle.json") + ",pollInterval=300ms"
                + ",auditUrl=" + server.url("/v1/audit") + ",auditSpool=" + dir.resolve("alpha/spool") + ",auditRetryMax=300ms"
                + ",audit=" + dir.resolve("alpha.jsonl") + ",agent.id=alpha,groups=ops");
        String bravoArgs = "policy.url=" + server.url("/bundles/agents.json") + ",public.key=" + dir.resolve("keys/org.pub")
                + ",bundle.cache=" + dir.resolve("bravo/bundle.json") + ",poll.interval=300ms"
                + ",audit.url=" + server.url("/v1/audit") + ",audit.spool=" + dir.resolve("bravo/spool")
                + ",audit.retry.max=300ms";
        App bravo = app("bravo", bravoArgs + ",audit=" + dir.resolve("bravo.jsonl") + ",agent.id=bravo");

        // Revision A: the API is open; the ops team's allow does not lift the org's admin deny.
        for (App a : List.of(alpha, bravo)) {
            assertThat(a.get(base + "/api/" + a.name)).isEqualTo("ok 200");
            assertThat(a.get(base + "/admin/" + a.name)).startsWith("denied").contains("admin pages are off limits");
            assertThat(a.get(base + "/public/" + a.name)).isEqualTo("ok 200");
        }
        assertThat(alpha.get(base + "/ops/alpha")).as("the team layer is in force for ops").isEqualTo("ok 200");
        assertThat(bravo.get(base + "/ops/bravo")).startsWith("denied");
        target.settle();
        assertThat(target.requestsTo("/admin/alpha")).isZero();
        assertThat(target.requestsTo("/admin/bravo")).isZero();
        assertThat(target.requestsTo("/ops/alpha")).isEqualTo(1);
        assertThat(target.requestsTo("/ops/bravo")).isZero();

        // Revision B is signed and published: both JVMs stop reaching the API within the poll interval.
        sign("org-b.yaml", "B", "bundles/agents.json");
        long published = System.nanoTime();
        for (App a : List.of(alpha, bravo)) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> a.get(base + "/api/" + a.name).startsWith("denied"));
            System.out.printf("%s applied revision B %d ms after klyo sign wrote it (poll interval 300 ms)%n", a.name,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - published));
        }
        target.settle();
        int apiAlpha = target.requestsTo("/api/alpha");
        int apiBravo = target.requestsTo("/api/bravo");

        // A tampered bundle: B's envelope and signature around A's payload (which would reopen the API).
        sign("org-a.yaml", "A2", "unpublished-a2.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode tampered = (ObjectNode) json.readTree(dir.resolve("bundles/agents.json").toFile());
        tampered.put("payload", json.readTree(dir.resolve("unpublished-a2.json").toFile()).get("payload").asText());
        publish(json.writeValueAsBytes(tampered));
        for (App a : List.of(alpha, bravo)) {
            Path local = dir.resolve(a.name + ".jsonl");
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> events(local).stream().anyMatch(e -> e.path("ruleId").asText().equals("klyo.policy.rejected")));
            for (int i = 0; i < 3; i++) {
                assertThat(a.get(base + "/api/" + a.name)).startsWith("denied");
            }
        }

        // Outage: the server is killed; both keep enforcing B (API closed, public and ops pages open).
        server.kill();
        for (App a : List.of(alpha, bravo)) {
            for (int i = 0; i < 5; i++) {
                assertThat(a.get(base + "/api/" + a.name)).startsWith("denied");
                assertThat(a.get(base + "/public/" + a.name)).isEqualTo("ok 200");
            }
        }
        assertThat(alpha.get(base + "/ops/alpha")).isEqualTo("ok 200");

        // A restart during the outage starts from the kept bundle: B, not the built-in deny-everything policy.
        bravo.exit();
        App again = app("bravo-again", bravoArgs + ",audit=" + dir.resolve("bravo-again.jsonl") + ",agent.id=bravo-again");
        assertThat(again.get(base + "/public/bravo-again")).isEqualTo("ok 200");
        assertThat(again.get(base + "/api/bravo-again")).startsWith("denied");
        assertThat(again.get(base + "/admin/bravo-again")).startsWith("denied");

        target.settle();
        assertThat(target.requestsTo("/api/alpha")).as("no API request after B").isEqualTo(apiAlpha);
        assertThat(target.requestsTo("/api/bravo")).isEqualTo(apiBravo);
        assertThat(target.requestsTo("/api/bravo-again")).isZero();
        assertThat(target.requestsTo("/public/bravo-again")).isEqualTo(1);

        // The server comes back on the same port and store; spooled events go out; the JVMs end.
        serve(server.port);
        alpha.exit();
        again.exit();

        List<JsonNode> stored = events(dir.resolve("store/audit.jsonl"));
        Set<String> storedIds = new HashSet<>();
        for (JsonNode e : stored) {
            assertThat(storedIds.add(e.path("eventId").asText())).as("stored once: " + e).isTrue();
        }
        Set<String> madeIds = new HashSet<>();
        for (String name : List.of("alpha", "bravo", "bravo-again")) {
            List<JsonNode> local = events(dir.resolve(name + ".jsonl"));
            local.forEach(e -> madeIds.add(e.path("eventId").asText()));
            App a = name.equals("alpha") ? alpha : name.equals("bravo") ? bravo : again;
            List<JsonNode> httpStored = stored.stream()
                    .filter(e -> e.path("kind").asText().equals("http") && name.equals(e.path("agentId").asText()))
                    .toList();
            assertThat(httpStored).as(name + ": one stored HTTP decision per request the program attempted")
                    .hasSize(a.attempts);
            long allowed = httpStored.stream().filter(e -> e.path("effect").asText().equals("allow")).count();
            assertThat(allowed).as(name + ": stored allows = requests the target received from it")
                    .isEqualTo(receivedFrom(target, name));
        }
        assertThat(storedIds).as("every decision made, exactly once in the store").isEqualTo(madeIds);
        Map<String, Long> rejected = stored.stream()
                .filter(e -> e.path("ruleId").asText().equals("klyo.policy.rejected"))
                .collect(Collectors.groupingBy(e -> e.path("message").asText().contains("signature") ? "signature" : "other",
                        Collectors.counting()));
        assertThat(rejected.get("signature")).as("the tampered bundle's rejections reached the store").isGreaterThanOrEqualTo(2);
        assertThat(stored).as("Klyo's own traffic to the policy server is never governed")
                .noneMatch(e -> e.path("target").asText().contains(":" + server.port + "/")
                        && !e.path("kind").asText().equals("policy"));
    }

    /**
     * Remote decisions from inside the agent: every action of the application is decided by
     * {@code klyo serve}'s OPA-compatible API, called on the deciding thread. That call resolves a
     * host name and opens a connection while a hook is already deciding; the gate's re-entrancy
     * guard must let it through ungoverned, or the program would recurse, deadlock or deny itself.
     */
    @Test
    void decisionPointCallsInsideADecisionAreNotInterceptedAndItsOutageFailsClosed() throws Exception {
        dir = tmp.toRealPath();
        Files.writeString(dir.resolve("org.yaml"), """
                version: 1
                name: org
                defaults: {http: deny, network: allow, dns: allow, file: allow, process: allow, sql: allow, tool: allow, model: allow}
                rules:
                  - id: no-admin
                    effect: deny
                    message: admin pages are off limits
                    match: {http: {paths: ["/admin/**"]}}
                  - id: public
                    effect: allow
                    match: {http: {hosts: ["127.0.0.1"], paths: ["/public/**"]}}
                """);
        // The local policy allows everything: whatever is denied below was denied by the server.
        Files.writeString(dir.resolve("local.yaml"), """
                version: 1
                name: local-open
                defaults: {http: allow, network: allow, dns: allow, file: allow, process: allow, sql: allow, tool: allow, model: allow}
                """);
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 policy.test\n");
        Server server = Server.start(dir, 0, "--policy", "org.yaml");
        running.add(server);
        LoopbackTargets target = new LoopbackTargets("127.0.0.1", null);
        running.add(target);
        String base = "http://127.0.0.1:" + target.httpPort();

        // The JVM's first governed action (reading the main class) waits for the server's first, cold
        // decision; on a loaded machine that can pass the 1 s default and, failing closed, stop the program.
        App app = new App(dir, "opa-app", "policy=" + dir.resolve("local.yaml")
                + ",opa=http://policy.test:" + server.port + "/v1/data/klyo/decision,opaCacheTtl=0s,opaReadTimeout=20s"
                + ",audit=" + dir.resolve("opa-app.jsonl") + ",agent.id=opa-app",
                List.of("-Djdk.net.hosts.file=" + hosts));
        running.add(app);

        assertThat(app.get(base + "/public/1")).isEqualTo("ok 200");
        assertThat(app.get(base + "/admin/1")).startsWith("denied").contains("admin pages are off limits");
        assertThat(app.get(base + "/elsewhere/1")).startsWith("denied");

        // The decision point goes away: with the default opaFailure=closed nothing is allowed any more.
        server.kill();
        assertThat(app.get(base + "/public/2")).startsWith("denied");
        app.exit();

        target.settle();
        assertThat(target.requestsTo("/public/1")).isEqualTo(1);
        assertThat(target.requestsTo("/admin/1")).isZero();
        assertThat(target.requestsTo("/elsewhere/1")).isZero();
        assertThat(target.requestsTo("/public/2")).isZero();

        List<JsonNode> audited = CentralProcesses.jsonLines(dir.resolve("opa-app.jsonl"));
        assertThat(audited.stream().filter(e -> e.path("kind").asText().equals("http")
                && !e.path("target").asText().endsWith("/public/2"))).hasSize(3);
        // HTTP is decided where the request is written, after the connection: with the decision point
        // gone, whichever comes first (a fresh connection, or the request on a kept-alive one) is denied.
        assertThat(audited).anyMatch(e -> e.path("ruleId").asText().equals("klyo.remote.unavailable")
                && (e.path("target").asText().endsWith("/public/2")
                        || e.path("target").asText().equals("tcp://127.0.0.1:" + target.httpPort())));
        assertThat(audited).as("the decision point's own lookups and connections were never decided")
                .noneMatch(e -> e.path("target").asText().contains("policy.test")
                        || e.path("target").asText().contains(":" + server.port));
    }

    /** A central setting that cannot work is a startup error: reported, and the JVM fails closed. */
    @Test
    void invalidCentralSettingsAreReportedAndTheJvmFailsClosed() throws Exception {
        dir = tmp.toRealPath();
        LoopbackTargets target = new LoopbackTargets("127.0.0.1", null);
        running.add(target);
        App app = new App(dir, "misconfigured", "policyUrl=http://127.0.0.1:9/bundles/agents.json,pollInterval=soon"
                + ",audit.batch=many", List.of());
        running.add(app);

        assertThat(app.get("http://127.0.0.1:" + target.httpPort() + "/public/1")).startsWith("denied");
        app.exit();
        target.settle();
        assertThat(target.requests.get()).isZero();
        assertThat(Files.readString(app.stderr))
                .contains("[klyo] ERROR: poll.interval: not a duration")
                .contains("[klyo] ERROR: audit.batch must be a whole number above 0, not 'many'")
                .contains("FAILING CLOSED");
    }

    /**
     * {@code policy.file} with {@code team.<group>}: the org file is reloaded when the operator edits
     * it, a broken edit is refused, a team file cannot lift an org deny, and the application cannot
     * rewrite the org file or the team file to lift it either.
     */
    @Test
    void reloadingPolicyFileWithTeamFilesHoldsAgainstTheApplicationRewritingIt() throws Exception {
        dir = tmp.toRealPath();
        Path org = Files.writeString(dir.resolve("org.yaml"), ORG_A);
        Path ops = Files.writeString(dir.resolve("ops.yaml"), OPS);
        LoopbackTargets target = new LoopbackTargets("127.0.0.1", null);
        running.add(target);
        String base = "http://127.0.0.1:" + target.httpPort();
        App app = app("local", "policy.file=" + org + ",team.ops=" + ops + ",poll.interval=300ms,groups=ops"
                + ",audit=" + dir.resolve("local.jsonl"));

        assertThat(app.get(base + "/ops/1")).isEqualTo("ok 200");
        assertThat(app.get(base + "/admin/1")).startsWith("denied").contains("admin pages are off limits");
        assertThat(app.get(base + "/api/1")).isEqualTo("ok 200");

        // The application tries to lift the org deny by rewriting the policy files it can read.
        String lifted = ORG_A.replace("effect: deny", "effect: allow");
        assertThat(app.write(org, lifted)).startsWith("denied");
        assertThat(app.write(ops, lifted)).startsWith("denied");
        assertThat(Files.readString(org)).isEqualTo(ORG_A);
        assertThat(Files.readString(ops)).isEqualTo(OPS);

        // The operator closes the API; then saves a broken edit, which is refused while B stays.
        Files.writeString(org, ORG_B);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> app.get(base + "/api/2").startsWith("denied"));
        Files.writeString(org, "version: 1\nname: broken\nrules: [ {id: x, effect: maybe} ]\n");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> events(dir.resolve("local.jsonl")).stream()
                .anyMatch(e -> e.path("ruleId").asText().equals("klyo.policy.rejected")));
        assertThat(app.get(base + "/api/3")).startsWith("denied");
        assertThat(app.get(base + "/public/3")).isEqualTo("ok 200");
        assertThat(app.get(base + "/admin/3")).startsWith("denied");
        app.exit();

        target.settle();
        assertThat(target.requestsTo("/ops/1")).isEqualTo(1);
        assertThat(target.requestsTo("/api/1")).isEqualTo(1);
        assertThat(target.requestsTo("/admin/1") + target.requestsTo("/admin/3")).isZero();
        assertThat(target.requestsTo("/api/3")).isZero();
        assertThat(target.requestsTo("/public/3")).isEqualTo(1);
    }

    private static long receivedFrom(LoopbackTargets target, String name) {
        return target.byPath.entrySet().stream().filter(e -> e.getKey().endsWith("/" + name))
                .mapToLong(e -> e.getValue().get()).sum();
    }

    private Server serve(int port) throws Exception {
        Server s = Server.start(dir, port, "--bundles", "bundles", "--audit-store", "store/audit.jsonl");
        running.add(s);
        return s;
    }

    private App app(String name, String agentArgs) throws Exception {
        App a = new App(dir, name, agentArgs, List.of());
        running.add(a);
        return a;
    }

    private void sign(String policy, String revision, String out) throws Exception {
        CentralProcesses.cli(dir, "sign", "--key", "keys/org.key", "--policy", policy, "--team", "ops=ops.yaml",
                "--revision", revision, "-o", out);
    }

    private void publish(byte[] bundle) throws Exception {
        Path next = dir.resolve("bundles/.next");
        Files.write(next, bundle);
        Files.move(next, dir.resolve("bundles/agents.json"), StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<JsonNode> events(Path file) throws Exception {
        return CentralProcesses.jsonLines(file);
    }
}
