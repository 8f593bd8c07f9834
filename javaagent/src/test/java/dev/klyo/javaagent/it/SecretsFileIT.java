package dev.klyo.javaagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secrets file in a forked JVM under {@code klyo.jar}: a credential kept in a PKCS12
 * keystore (written by {@code keytool -importpass}, as docs/credentials.md shows) reaches its own
 * host only; and every way the file can be wrong stops the agent from governing with it — the
 * problem is printed with file, line, column and key, the agent fails closed (or the JVM exits
 * with {@code policy.error=exit}), and nothing reaches the loopback server.
 */
class SecretsFileIT {

    static final String PARTNER_TOKEN = "ptk_live_8Hq2Zr5Wn1Lx7Cv4Bm9Ks3Jd6Tf0Yg";
    static final String STORE_PASSWORD = "kst-pass-6Rw2Qe8Ty4Ui";
    static final String PLACEHOLDER = "klyo-secret:partner";

    @TempDir
    Path tmp;
    Path root;
    Path policy;
    Path audit;
    Path hosts;
    Path keystore;
    Path passwordFile;
    HttpServer api;
    HttpServer other;
    final List<RecordingServer.Received> apiReceived = new CopyOnWriteArrayList<>();
    final List<RecordingServer.Received> otherReceived = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        root = tmp.toRealPath();
        api = RecordingServer.start("127.0.0.1", apiReceived, null);
        other = RecordingServer.start("127.0.0.2", otherReceived, null);
        hosts = Files.writeString(root.resolve("hosts"), "127.0.0.1 api.test\n127.0.0.2 other.test\n");
        audit = root.resolve("audit.jsonl");
        policy = Files.writeString(root.resolve("policy.yaml"), """
                version: 1
                name: secrets-file
                mode: enforce
                defaults: {http: allow, network: allow, dns: allow, file: allow, process: allow, tool: allow}
                """);
        keystore = root.resolve("credentials.p12");
        passwordFile = Files.writeString(root.resolve("keystore.pass"), STORE_PASSWORD + "\n");
        keytool("-importpass", "-alias", "partner-api", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass:file", passwordFile.toString());
    }

    @AfterEach
    void tearDown() {
        api.stop(0);
        other.stop(0);
    }

    /** {@code keytool -importpass} reads the secret twice from the terminal, here from stdin. */
    private void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write((PARTNER_TOKEN + "\n" + PARTNER_TOKEN + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    private Path secretsFile(String yaml) throws IOException {
        return Files.writeString(root.resolve("secrets.yaml"), yaml);
    }

    private String keystoreBinding() {
        return """
                secrets:
                  - name: partner
                    from: keystore:%s#partner-api
                    password: file:%s
                    hosts: [api.test]
                """.formatted(keystore, passwordFile);
    }

    private ForkedJvm.Result sendThrough(String client, Path secrets, String url) throws Exception {
        Path body = Files.writeString(root.resolve("body-" + client + ".json"),
                "{\"token\": \"" + PLACEHOLDER + "\", \"n\": 1}");
        return ForkedJvm.run(root, "policy=" + policy + ",audit=" + audit + ",secrets=" + secrets,
                List.of("-Djdk.net.hosts.file=" + hosts), "dev.klyo.javaagent.programs.BodySender",
                List.of(client, url, body.toString(), "application/json", "Authorization=Bearer " + PLACEHOLDER));
    }

    @Test
    void aKeystoreSecretReachesItsOwnHostAndNoOther() throws Exception {
        Path secrets = secretsFile(keystoreBinding());

        ForkedJvm.Result toApi = sendThrough("jdk", secrets, "http://api.test:" + api.getAddress().getPort() + "/v1");
        ForkedJvm.Result toOther = sendThrough("okhttp", secrets,
                "http://other.test:" + other.getAddress().getPort() + "/v1");

        assertThat(toApi.result("jdk")).as(toApi.stderr()).isEqualTo("OK 200");
        assertThat(apiReceived).singleElement().satisfies(got -> {
            assertThat(got.headers()).containsEntry("authorization", "Bearer " + PARTNER_TOKEN);
            assertThat(got.text()).isEqualTo("{\"token\": \"" + PARTNER_TOKEN + "\", \"n\": 1}");
        });
        assertThat(toOther.result("okhttp")).as(toOther.stderr()).isEqualTo("OK 200");
        assertThat(otherReceived).singleElement().satisfies(got -> {
            assertThat(got.headers()).containsEntry("authorization", "Bearer " + PLACEHOLDER);
            assertThat(got.text()).contains(PLACEHOLDER).doesNotContain(PARTNER_TOKEN);
        });
        assertThat(toApi.stderr()).contains("secrets [" + PLACEHOLDER + "]");
        for (ForkedJvm.Result run : List.of(toApi, toOther)) {
            assertThat(run.stderr() + run.stdout()).doesNotContain(PARTNER_TOKEN).doesNotContain(STORE_PASSWORD);
        }
        assertThat(Files.readString(audit)).contains(PLACEHOLDER).doesNotContain(PARTNER_TOKEN)
                .doesNotContain(STORE_PASSWORD);
    }

    /** Runs two requests to api.test under a bad secrets file; asserts the located message and that none arrived. */
    private ForkedJvm.Result failsClosed(Path secrets, String location, String extraArgs) throws Exception {
        String url = "http://127.0.0.1:" + api.getAddress().getPort() + "/v1?key=" + PLACEHOLDER;
        List<String> steps = List.of("httpclient-send|" + url, "urlconn-get|" + url);
        ForkedJvm.Result run = ForkedJvm.run(root, "policy=" + policy + ",audit=" + audit + ",secrets=" + secrets
                + extraArgs, List.of("-Djdk.net.hosts.file=" + hosts), steps);
        assertThat(run.stderr()).contains("[klyo] ERROR: secrets file " + secrets + " is invalid:")
                .contains("[klyo] ERROR:   " + secrets + ":" + location);
        assertThat(run.stderr()).doesNotContain(PARTNER_TOKEN).doesNotContain(STORE_PASSWORD);
        if (run.exitCode() == 0) {
            assertThat(run.stderr()).contains("FAILING CLOSED");
            for (String step : steps) {
                assertThat(run.result(step)).as(step).startsWith("DENIED");
            }
        }
        assertThat(apiReceived).isEmpty();
        assertThat(otherReceived).isEmpty();
        return run;
    }

    @Test
    void malformedYamlFailsClosed() throws Exception {
        Path secrets = secretsFile("secrets:\n  - name: partner\n    from: [env:PARTNER\n    hosts: [api.test]\n");
        ForkedJvm.Result run = failsClosed(secrets, "4:10: malformed YAML", "");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void anUnsetEnvironmentVariableFailsClosed() throws Exception {
        Path secrets = secretsFile("""
                secrets:
                  - name: partner
                    from: env:KLYO_IT_VARIABLE_NOBODY_SETS
                    hosts: [api.test]
                """);
        ForkedJvm.Result run = failsClosed(secrets,
                "3:11: secrets[0].from: environment variable KLYO_IT_VARIABLE_NOBODY_SETS is not set", "");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void aMissingFileSourceFailsClosedAndTheGoodBindingBesideItIsNotLoaded() throws Exception {
        Path missing = root.resolve("no-such.token");
        Path secrets = secretsFile(keystoreBinding() + """
                  - name: other
                    from: file:%s
                    hosts: [other.test]
                """.formatted(missing));
        ForkedJvm.Result run = failsClosed(secrets, "7:11: secrets[1].from: file " + missing + " does not exist", "");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void aWrongKeystorePasswordFailsClosed() throws Exception {
        Files.writeString(passwordFile, "not-the-password\n");
        Path secrets = secretsFile(keystoreBinding());
        ForkedJvm.Result run = failsClosed(secrets, "3:11: secrets[0].from: keystore " + keystore + ": wrong password",
                "");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void aMissingKeystoreEntryFailsClosed() throws Exception {
        Path secrets = secretsFile(keystoreBinding().replace("#partner-api", "#partner-ap"));
        ForkedJvm.Result run = failsClosed(secrets,
                "3:11: secrets[0].from: keystore " + keystore + " has no entry 'partner-ap'", "");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void anAbsentSecretsFileFailsClosedEvenInObserveMode() throws Exception {
        Path secrets = root.resolve("absent.yaml");
        ForkedJvm.Result run = failsClosed(secrets, "1:1: " + secrets + " does not exist", ",mode=observe");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void policyErrorExitStopsTheJvmBeforeAnyRequest() throws Exception {
        Path secrets = secretsFile(keystoreBinding().replace("password: file:", "password: env:KLYO_IT_NO_PASS #"));
        ForkedJvm.Result run = failsClosed(secrets,
                "4:15: secrets[0].password: environment variable KLYO_IT_NO_PASS is not set", ",policy.error=exit");
        assertThat(run.exitCode()).isEqualTo(78);
        assertThat(run.stderr()).contains("stopping the JVM (policy.error=exit)");
        assertThat(run.results()).isEmpty();
    }
}
