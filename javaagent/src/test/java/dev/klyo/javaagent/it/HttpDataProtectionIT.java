package dev.klyo.javaagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 6's "done when", judged by what loopback servers received: a JSON body carrying every
 * kind of secret and personal datum, sent through each HTTP client under {@code klyo.jar},
 * arrives with each value replaced by its marker and every other byte as sent, with a right
 * {@code Content-Length}; the query and headers are redacted too; the audit log holds none of
 * the values; a credential placeholder becomes the real secret for its own host only; and a
 * known secret headed elsewhere is denied before anything arrives.
 */
class HttpDataProtectionIT {

    /** Every value and the detector that must find it (realistic values from the detector corpus). */
    static final Map<String, String> SENSITIVE = new LinkedHashMap<>();

    static {
        SENSITIVE.put("ASIAYCDYBK377OXTZQ6S", "aws-access-key");
        SENSITIVE.put("L9uf9D8DXa/RAnfBmKOO5KMOZPI/oVpbR2CDjlt1", "aws-secret-key");
        SENSITIVE.put("ghp_JFsqX2kC3E3iO6bftOZ1lIJMF7RvwVs2qEKb", "github-token");
        SENSITIVE.put("xoxb-358172767986-4191581889190-V1FGdlTjgiOFgz1XGxr6FWR9", "slack-token");
        SENSITIVE.put("https://hooks.slack.com/services/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", "slack-webhook");
        SENSITIVE.put("sk-proj-Havp6K5i6BVcIAc5L1Y25vm1VfidotBDyrbI3x-00iGocCyp-y0rY3APZyqIKPHts4IZ3FCtDWQ", "openai-key");
        SENSITIVE.put("sk-ant-api03-nHnUuFKQvzpojzwFoxpCYO4L4S9iK3eVL4hsjH2oOoFw3zw6EPpiS23_5y4rIZ84ekIT-Em1YGQU3e7jCqAHv5SzkmEomAA",
                "anthropic-key");
        SENSITIVE.put("AIzakQSDU7sWTDwTV6Psk7-Vmwpjel339hTTfcx", "google-api-key");
        SENSITIVE.put("sk_live_2HUjWYTbRwrHWuEGLrMvz5q7", "stripe-key");
        SENSITIVE.put("eyJhbGciOiAiUlMyNTYiLCAidHlwIjogIkpXVCJ9.eyJzdWIiOiAiMTQ3MjA2IiwgImlhdCI6IDE2MDE3NTA5MTIsICJzY29wZSI6ICJyZWFkIHdyaXRlIn0"
                + ".xG1m4NKPssaIF7zcRZX7wRGbDPQOAHRhO_F1FHhOEknx", "jwt");
        SENSITIVE.put("-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9OiJjRazXBZ1BjP5CE/Wm/Rr500P\\n"
                + "RK+Lh9x5eJPo5CAZ3/ANBE0sTK0ZsDGMak2m1g7v3oMTRe8WrLWTmnGPgcbgcsXN\\n-----END RSA PRIVATE KEY-----", "private-key");
        SENSITIVE.put("Tr0ub4dor&3x!", "generic-secret");
        SENSITIVE.put("alice@example.com", "email");
        SENSITIVE.put("4716036214209588", "payment-card");
        SENSITIVE.put("DE89 3704 0044 0532 0130 00", "iban");
        SENSITIVE.put("+14155552671", "phone-number");
        SENSITIVE.put("123-45-6780", "us-ssn");
        SENSITIVE.put("192.168.1.10", "ipv4");
        SENSITIVE.put("2001:db8::1", "ipv6");
    }

    static final String[] FIELDS = {"aws_access_key_id", "aws_secret_access_key", "github", "slack", "hook", "openai",
        "anthropic", "google", "stripe", "jwt", "key", "password", "email", "card", "iban", "phone", "ssn", "ip", "ip6"};

    /** The real credential: only the secrets file and api.test's server ever hold it. */
    static final String REAL_KEY = "sk-proj-Q7rTz2LmX9vB4nKp8WcY3hJd6FgS1aE5uR0oI-ZxCvBn4Mq7LkJh2GfDs9Ap3OiUy6Tr1Ew8Qz5Xc";
    static final String PLACEHOLDER = "klyo-secret:openai";

    @TempDir
    Path tmp;
    Path root;
    Path policy;
    Path secrets;
    Path audit;
    Path hosts;
    HttpServer api;
    HttpServer other;
    final List<RecordingServer.Received> apiReceived = new CopyOnWriteArrayList<>();
    final List<RecordingServer.Received> otherReceived = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        root = tmp.toRealPath();
        other = RecordingServer.start("127.0.0.2", otherReceived, null);
        api = RecordingServer.start("127.0.0.1", apiReceived,
                "http://other.test:" + other.getAddress().getPort() + "/landing");
        hosts = Files.writeString(root.resolve("hosts"), "127.0.0.1 api.test\n127.0.0.2 other.test\n");
        audit = root.resolve("audit.jsonl");
        Path keyFile = Files.writeString(root.resolve("openai.key"), REAL_KEY + "\n");
        secrets = Files.writeString(root.resolve("secrets.yaml"), """
                secrets:
                  - name: openai
                    from: file:%s
                    hosts: [api.test]
                exfiltration:
                  detectors: [aws-access-key, private-key]
                  hosts: [api.test]
                """.formatted(keyFile));
        policy = Files.writeString(root.resolve("policy.yaml"), """
                version: 1
                name: data-protection
                mode: enforce
                defaults: {http: allow, network: allow, dns: allow, file: allow, process: allow, tool: allow}
                rules:
                  - id: keep-credentials-file
                    effect: deny
                    match: {file: {paths: ["%s"]}}
                  - id: unseen-bodies
                    effect: deny
                    message: a body Klyo cannot see may not go to /strict
                    match: {http: {paths: ["/strict/**"]}}
                    when: 'action.bodySize == -1'
                  - id: redact-outbound
                    effect: redact
                    redact: [%s]
                    match: {http: {hosts: ["*"]}}
                """.formatted(keyFile, String.join(", ", new LinkedHashMap<>(SENSITIVE).values())));
    }

    @AfterEach
    void tearDown() {
        api.stop(0);
        other.stop(0);
    }

    static String json() {
        StringBuilder b = new StringBuilder("{");
        int i = 0;
        for (String value : SENSITIVE.keySet()) {
            b.append('"').append(FIELDS[i++]).append("\": \"").append(value).append("\", ");
        }
        return b.append("\"note\": \"Ship order 7 to the usual place, version 1.0.0.0, café\", \"count\": 3}").toString();
    }

    /** What must arrive: each value replaced by hand with its marker, nothing else touched. */
    static String expectedJson() {
        String out = json();
        for (Map.Entry<String, String> e : SENSITIVE.entrySet()) {
            out = out.replace("\"" + e.getKey() + "\"", "\"[REDACTED:" + e.getValue() + "]\"");
        }
        return out;
    }

    private ForkedJvm.Result send(String client, String url, String body, String... headers) throws Exception {
        Path bodyFile = Files.write(Files.createTempFile(root, "body", ".json"), body.getBytes(StandardCharsets.UTF_8));
        List<String> args = new ArrayList<>(List.of(client, url, bodyFile.toString(), "application/json"));
        args.addAll(List.of(headers));
        return ForkedJvm.run(root, "policy=" + policy + ",audit=" + audit + ",secrets=" + secrets,
                List.of("-Djdk.net.hosts.file=" + hosts), "dev.klyo.javaagent.programs.BodySender", args);
    }

    private String apiUrl(String path) {
        return "http://api.test:" + api.getAddress().getPort() + path;
    }

    private String otherUrl(String path) {
        return "http://other.test:" + other.getAddress().getPort() + path;
    }

    @ParameterizedTest
    @ValueSource(strings = {"huc", "jdk", "okhttp", "apache", "apache-async", "apache-async-string"})
    void everySensitiveValueIsRedactedAndTheCredentialInjectedForItsHost(String client) throws Exception {
        ForkedJvm.Result r = send(client, apiUrl("/v1/upload?contact=alice%40example.com&page=2"), json(),
                "Authorization=Bearer " + PLACEHOLDER, "X-Contact=alice@example.com", "X-Trace=abc-123");
        assertEquals("OK 200", r.result(client), r.stderr());
        assertEquals(1, apiReceived.size());
        RecordingServer.Received got = apiReceived.get(0);
        assertEquals(expectedJson(), got.text());
        assertEquals(String.valueOf(got.body().length), got.headers().get("content-length"));
        assertEquals("/v1/upload?contact=%5BREDACTED%3Aemail%5D&page=2", got.uri());
        assertEquals("[REDACTED:email]", got.headers().get("x-contact"));
        assertEquals("abc-123", got.headers().get("x-trace"));
        assertEquals("Bearer " + REAL_KEY, got.headers().get("authorization"));
        assertAuditHoldsNoValue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"huc", "jdk", "okhttp", "apache", "apache-async", "apache-async-string",
        "apache-async-stream"})
    void thePlaceholderStaysOnRequestsToOtherHosts(String client) throws Exception {
        String body = "{\"auth\": \"" + PLACEHOLDER + "\", \"n\": 1}";
        ForkedJvm.Result r = send(client, otherUrl("/v1/chat?key=" + PLACEHOLDER), body,
                "Authorization=Bearer " + PLACEHOLDER);
        assertEquals("OK 200", r.result(client), r.stderr());
        RecordingServer.Received got = otherReceived.get(0);
        assertEquals("Bearer " + PLACEHOLDER, got.headers().get("authorization"));
        assertEquals("/v1/chat?key=" + PLACEHOLDER, got.uri());
        assertEquals(body, got.text());
        assertTrue(apiReceived.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"huc", "jdk", "okhttp", "apache", "apache-async", "apache-async-string"})
    void thePlaceholderInTheBodyIsReplacedForItsOwnHost(String client) throws Exception {
        ForkedJvm.Result r = send(client, apiUrl("/v1/chat"), "{\"auth\": \"" + PLACEHOLDER + "\", \"n\": 1}");
        assertEquals("OK 200", r.result(client), r.stderr());
        RecordingServer.Received got = apiReceived.get(0);
        // The injected key is not redacted: injection comes after redaction.
        assertEquals("{\"auth\": \"" + REAL_KEY + "\", \"n\": 1}", got.text());
        assertEquals(String.valueOf(got.body().length), got.headers().get("content-length"));
        assertAuditHoldsNoValue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"huc", "jdk", "okhttp", "apache", "apache-async"})
    void theRealSecretHeadedElsewhereIsDenied(String client) throws Exception {
        // The application got hold of the real value.
        ForkedJvm.Result r = send(client, otherUrl("/collect"), "{\"n\": 1}", "X-Leak=" + REAL_KEY);
        assertTrue(r.result(client).startsWith("DENIED"), r.result(client) + "\n" + r.stderr());
        assertTrue(r.result(client).contains("exfiltration of secret openai"), r.result(client));
        assertTrue(otherReceived.isEmpty());
        assertAuditHoldsNoValue();
        assertTrue(Files.readString(audit).contains("exfiltration of secret openai"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"huc", "jdk", "okhttp", "apache", "apache-async", "apache-async-string"})
    void theRealSecretInABodyHeadedElsewhereIsDenied(String client) throws Exception {
        ForkedJvm.Result r = send(client, otherUrl("/collect"), "{\"stolen\": \"" + REAL_KEY + "\"}");
        assertTrue(r.result(client).contains("exfiltration of secret openai"), r.result(client) + "\n" + r.stderr());
        assertTrue(otherReceived.isEmpty());
        assertAuditHoldsNoValue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"huc", "jdk", "okhttp", "apache", "apache-async", "apache-async-string"})
    void aDetectedKeyHeadedToAnUnapprovedHostIsDeniedNotRedacted(String client) throws Exception {
        ForkedJvm.Result r = send(client, otherUrl("/collect"), "{\"id\": \"ASIAYCDYBK377OXTZQ6S\"}");
        assertTrue(r.result(client).startsWith("DENIED"), r.result(client) + "\n" + r.stderr());
        assertTrue(otherReceived.isEmpty());
        assertAuditHoldsNoValue();
        // The same body to the approved host is redacted and sent.
        ForkedJvm.Result ok = send(client, apiUrl("/collect"), "{\"id\": \"ASIAYCDYBK377OXTZQ6S\"}");
        assertEquals("OK 200", ok.result(client), ok.stderr());
        assertEquals("{\"id\": \"[REDACTED:aws-access-key]\"}", apiReceived.get(0).text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"huc-streaming", "jdk-streaming", "apache-async-stream"})
    void aBodyThatCannotBeSeenIsDecidedAsUnseen(String client) throws Exception {
        ForkedJvm.Result r = send(client, apiUrl("/strict/upload"), "{\"n\": 1}");
        assertTrue(r.result(client).startsWith("DENIED"), r.result(client) + "\n" + r.stderr());
        assertTrue(apiReceived.isEmpty());
    }

    /**
     * The documented limit, kept as a test: a one-shot async producer is sent as produced, so a
     * secret in it is neither redacted nor injected; only the unseen-body rule can stop it.
     */
    @Test
    void aStreamedAsyncBodyIsSentAsProducedOutsideTheUnseenRule() throws Exception {
        String body = "{\"email\": \"alice@example.com\", \"auth\": \"" + PLACEHOLDER + "\"}";
        ForkedJvm.Result r = send("apache-async-stream", apiUrl("/v1/stream"), body);
        assertEquals("OK 200", r.result("apache-async-stream"), r.stderr());
        assertEquals(body, apiReceived.get(0).text());
        assertEquals("chunked", apiReceived.get(0).headers().get("transfer-encoding"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"huc", "jdk", "okhttp", "apache", "apache-async", "apache-async-string"})
    void aBufferedBodyIsSeenSoTheUnseenRuleDoesNotApply(String client) throws Exception {
        ForkedJvm.Result r = send(client, apiUrl("/strict/upload"), "{\"n\": 1}");
        assertEquals("OK 200", r.result(client), r.stderr());
        assertEquals("{\"n\": 1}", apiReceived.get(0).text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"huc", "jdk", "okhttp", "apache", "apache-async"})
    void aRedirectToAnotherHostNeverCarriesTheInjectedCredential(String client) throws Exception {
        ForkedJvm.Result r = send(client, apiUrl("/redirect"), "{\"n\": 1}", "Authorization=Bearer " + PLACEHOLDER,
                "X-Key=" + PLACEHOLDER);
        // The first hop got the real key; the hop to other.test either carries the placeholder
        // (the client rebuilt it from the application's request) or is denied (the JDK client
        // copies the injected headers: exfiltration).
        assertEquals("Bearer " + REAL_KEY, apiReceived.get(0).headers().get("authorization"));
        for (RecordingServer.Received got : otherReceived) {
            assertFalse(got.headers().toString().contains(REAL_KEY), client + " carried the key: " + got.headers());
            assertFalse(got.uri().contains(REAL_KEY) || got.text().contains(REAL_KEY));
        }
        assertTrue(r.result(client).equals("OK 200") || r.result(client).contains("exfiltration of secret openai"),
                r.result(client));
        assertAuditHoldsNoValue();
    }

    private void assertAuditHoldsNoValue() throws IOException {
        assertTrue(Files.exists(audit), "no audit log");
        String log = Files.readString(audit);
        assertFalse(log.contains(REAL_KEY), "the real credential is in the audit log");
        for (String value : SENSITIVE.keySet()) {
            assertFalse(log.contains(value), value + " is in the audit log");
        }
    }
}
