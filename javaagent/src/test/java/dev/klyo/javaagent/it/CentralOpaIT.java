package dev.klyo.javaagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klyo.javaagent.it.CentralProcesses.App;
import dev.klyo.javaagent.it.CentralProcesses.Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote decisions from inside the javaagent: every action of the application is decided by
 * {@code klyo serve}'s OPA-compatible API, called on the deciding thread. That call resolves a
 * host name and opens a connection while a hook is already deciding; the gate's re-entrancy guard
 * must let it through ungoverned, or the program would recurse, deadlock or deny itself.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CentralOpaIT {

    @TempDir
    Path tmp;
    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable c : running) {
            c.close();
        }
    }

    @Test
    void decisionPointCallsInsideADecisionAreNotInterceptedAndItsOutageFailsClosed() throws Exception {
        Path dir = tmp.toRealPath();
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
        assertThat(audited.stream().filter(e -> e.path("kind").asText().equals("http"))).hasSize(4);
        assertThat(audited).anyMatch(e -> e.path("target").asText().endsWith("/public/2")
                && e.path("ruleId").asText().equals("klyo.remote.unavailable"));
        assertThat(audited).as("the decision point's own lookups and connections were never decided")
                .noneMatch(e -> e.path("target").asText().contains("policy.test")
                        || e.path("target").asText().contains(":" + server.port));
    }
}
