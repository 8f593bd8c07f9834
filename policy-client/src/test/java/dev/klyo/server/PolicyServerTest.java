package dev.klyo.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klyo.action.AgentContext;
import dev.klyo.action.ToolCall;
import dev.klyo.audit.AuditJson;
import dev.klyo.central.FilePolicySource;
import dev.klyo.central.TestBundles;
import dev.klyo.engine.Decision;
import dev.klyo.policy.Mode;
import dev.klyo.policy.PolicyLoader;
import dev.klyo.remote.FailureMode;
import dev.klyo.remote.OpaDecisionPoint;
import dev.klyo.remote.OpaSettings;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private PolicyServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private PolicyServer start(boolean decisions) throws Exception {
        Files.createDirectories(dir.resolve("bundles"));
        Files.write(dir.resolve("bundles/agents.json"), TestBundles.signed("A", true));
        Files.writeString(dir.resolve("secret.txt"), "not for you");
        Files.writeString(dir.resolve("org.yaml"), """
                version: 1
                name: org
                defaults: {tool: deny}
                rules:
                  - id: no-drop
                    effect: deny
                    message: never drop
                    match: {tool: {names: ["drop_*"]}}
                """);
        Files.writeString(dir.resolve("ops.yaml"), """
                version: 1
                name: ops
                rules:
                  - id: ops-tools
                    effect: allow
                    match: {tool: {names: ["drop_*", restart]}}
                """);
        server = PolicyServer.start(new PolicyServer.Config(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                dir.resolve("bundles"), decisions ? new FilePolicySource(dir.resolve("org.yaml"),
                Map.of("ops", dir.resolve("ops.yaml")), List.of(), new PolicyLoader()) : null,
                dir.resolve("store/audit.jsonl"), Duration.ofHours(1)));
        return server;
    }

    private record Answer(int status, String etag, String body) {
    }

    private Answer get(String path, String ifNoneMatch) throws Exception {
        HttpURLConnection c = (HttpURLConnection) server.url().resolve(path).toURL().openConnection();
        if (ifNoneMatch != null) {
            c.setRequestProperty("If-None-Match", ifNoneMatch);
        }
        int status = c.getResponseCode();
        InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
        String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new Answer(status, c.getHeaderField("ETag"), body);
    }

    private Answer post(String path, String body) throws Exception {
        HttpURLConnection c = (HttpURLConnection) server.url().resolve(path).toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        try (OutputStream out = c.getOutputStream()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        int status = c.getResponseCode();
        InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
        return new Answer(status, null, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void servesBundlesWithAStrongEtagAnd304ForAMatch() throws Exception {
        start(false);
        Answer first = get("/bundles/agents.json", null);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(Files.readAllBytes(dir.resolve("bundles/agents.json")));
        assertThat(first.etag()).matches("\"[0-9a-f]{32}\"");
        assertThat(get("/bundles/agents.json", "\"other\", " + first.etag()).status()).isEqualTo(304);

        Files.write(dir.resolve("bundles/agents.json"), TestBundles.signed("B", false));
        Answer changed = get("/bundles/agents.json", first.etag());
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.etag()).isNotEqualTo(first.etag());
    }

    @Test
    void nothingOutsideTheBundleDirectoryIsReachable() throws Exception {
        start(false);
        assertThat(get("/bundles/..%2Fsecret.txt", null).status()).isEqualTo(404);
        assertThat(get("/bundles/nope.json", null).status()).isEqualTo(404);
        // A raw request line the URI class would normalise away.
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.getOutputStream().write("GET /bundles/../secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).doesNotContain("not for you");
        }
    }

    @Test
    void decidesOverOpasDataApiWithTheSameEngineAndLayers() throws Exception {
        start(true);
        String input = "{\"input\":{\"kind\":\"tool\",\"name\":\"drop_users\","
                + "\"context\":{\"principal\":\"bob\",\"groups\":[\"ops\"]}}}";
        JsonNode result = JSON.readTree(post("/v1/data/klyo/decision", input).body()).path("result");
        assertThat(result.path("allow").asBoolean()).isFalse();
        assertThat(result.path("rule").asText()).isEqualTo("no-drop");
        assertThat(result.path("reason").asText()).isEqualTo("never drop");
        assertThat(post("/v1/data/klyo/allow", input.replace("drop_users", "restart")).body())
                .isEqualTo("{\"result\":true}");
        assertThat(post("/v1/data/other/doc", input).body()).isEqualTo("{}");
        assertThat(post("/v1/data/klyo/decision", "{\"input\":{\"kind\":\"rocket\"}}").status()).isEqualTo(400);
        assertThat(get("/v1/data/klyo/decision", null).status()).isEqualTo(405);
    }

    @Test
    void klyosOwnRemoteDecisionPointUnderstandsTheServer() throws Exception {
        start(true);
        OpaDecisionPoint remote = new OpaDecisionPoint(OpaSettings.of(URI.create(server.url() + "/v1/data/klyo/decision"))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)).withFailure(FailureMode.CLOSED, Duration.ZERO),
                Mode.ENFORCE, null);
        AgentContext ops = new AgentContext("bob", "", "", Set.of("ops"));
        Decision drop = remote.decide(new ToolCall(ops, "drop_users", "", "{}", Map.of()), Map.of());
        assertThat(drop.blocked()).isTrue();
        assertThat(drop.ruleId()).isEqualTo("no-drop");
        assertThat(drop.message()).isEqualTo("never drop");
        assertThat(remote.decide(new ToolCall(ops, "restart", "", "{}", Map.of()), Map.of()).blocked()).isFalse();
        assertThat(remote.decide(ToolCall.of("restart", "{}"), Map.of()).blocked()).isTrue();
        assertThat(remote.failures()).isZero();
    }

    @Test
    void ingestsAuditEventsOncePerEventIdAcrossRestarts() throws Exception {
        start(false);
        String batch = AuditJson.toJson(dev.klyo.audit.export.TestEvents.event("e1")) + "\n"
                + AuditJson.toJson(dev.klyo.audit.export.TestEvents.event("e2")) + "\n";
        assertThat(post("/v1/audit", batch).body()).isEqualTo("{\"accepted\": 2, \"duplicates\": 0}");
        assertThat(post("/v1/audit", batch).body()).isEqualTo("{\"accepted\": 0, \"duplicates\": 2}");
        assertThat(post("/v1/audit", batch + "{broken\n").status()).isEqualTo(400);
        server.close();
        server = null;
        start(false);
        assertThat(post("/v1/audit", batch).body()).isEqualTo("{\"accepted\": 0, \"duplicates\": 2}");
        assertThat(Files.readAllLines(dir.resolve("store/audit.jsonl"))).hasSize(2);
        assertThat(get("/v1/audit", null).body()).isEqualTo("{\"stored\": 2}");
    }

    @Test
    void aLineTornByACrashIsCutAtRestartAndItsBatchCanBeResent() throws Exception {
        Files.createDirectories(dir.resolve("store"));
        String whole = AuditJson.toJson(dev.klyo.audit.export.TestEvents.event("e1")) + "\n";
        String torn = AuditJson.toJson(dev.klyo.audit.export.TestEvents.event("e2"));
        Files.writeString(dir.resolve("store/audit.jsonl"), whole + torn.substring(0, torn.length() / 2));
        start(false);
        assertThat(post("/v1/audit", whole + torn + "\n").body()).isEqualTo("{\"accepted\": 1, \"duplicates\": 1}");
        assertThat(Files.readAllLines(dir.resolve("store/audit.jsonl"))).hasSize(2)
                .allSatisfy(line -> assertThat(AuditJson.fromJson(line).eventId()).isIn("e1", "e2"));
    }

    @Test
    void bindsToLoopbackByDefault() {
        assertThat(new ServeCommand().bind).isNull();
        assertThat(picocli.CommandLine.populateCommand(new ServeCommand()).bind).isEqualTo("127.0.0.1");
    }
}
