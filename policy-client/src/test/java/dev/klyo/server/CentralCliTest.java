package dev.klyo.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.central.BundleKeys;
import dev.klyo.central.BundlePayload;
import dev.klyo.central.PolicySet;
import dev.klyo.central.SignedBundle;
import dev.klyo.cli.KlyoCli;
import dev.klyo.policy.PolicyLoader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code klyo keygen}, {@code klyo sign} in process and {@code klyo serve} as a real process. */
class CentralCliTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run klyo(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = KlyoCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void keygenThenSignWritesABundleThatVerifiesWithTheNewKey() throws Exception {
        Run keygen = klyo("keygen", dir.resolve("keys/org").toString());
        assertThat(keygen.code()).isZero();
        assertThat(keygen.out()).contains("publicKey=");
        Files.writeString(dir.resolve("org.yaml"), "version: 1\nname: org\ndefaults: {tool: deny}\n");
        Files.writeString(dir.resolve("ops.yaml"), "version: 1\nname: ops\n");

        Run sign = klyo("sign", "--key", dir.resolve("keys/org.key").toString(), "--policy", dir.resolve("org.yaml").toString(),
                "--team", "ops=" + dir.resolve("ops.yaml"), "--revision", "2026-11-22.1", "-o", dir.resolve("out/b.json").toString());
        assertThat(sign.code()).as(sign.err()).isZero();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("out/b.json"))))
                .isEqualTo("rw-r--r--");
        byte[] payload = SignedBundle.open(Files.readAllBytes(dir.resolve("out/b.json")),
                List.of(BundleKeys.readPublic(dir.resolve("keys/org.pub"))));
        PolicySet set = BundlePayload.decode(payload, "b", new PolicyLoader());
        assertThat(set.revision()).isEqualTo("2026-11-22.1");
        assertThat(set.teams()).containsOnlyKeys("ops");
    }

    @Test
    void signRefusesAPolicyThatDoesNotLoad() throws Exception {
        klyo("keygen", dir.resolve("k").toString());
        Files.writeString(dir.resolve("bad.yaml"), "version: 1\nrules:\n  - id: x\n    effect: perhaps\n");
        Run sign = klyo("sign", "--key", dir.resolve("k.key").toString(), "--policy", dir.resolve("bad.yaml").toString(),
                "-o", dir.resolve("b.json").toString());
        assertThat(sign.code()).isEqualTo(1);
        assertThat(sign.err()).contains("bad.yaml#policy:4");
        assertThat(dir.resolve("b.json")).doesNotExist();
    }

    @Test
    void serveRunsAsItsOwnProcessOnLoopback() throws Exception {
        Files.createDirectories(dir.resolve("bundles"));
        Files.writeString(dir.resolve("bundles/agents.json"), "{}");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), KlyoCli.class.getName(),
                "serve", "--port", "0", "--bundles", dir.resolve("bundles").toString(),
                "--audit-store", dir.resolve("audit.jsonl").toString())
                .redirectError(dir.resolve("serve.err").toFile()).start();
        try {
            String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            Matcher m = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(String.valueOf(line));
            assertThat(m.find()).as(line).isTrue();
            HttpURLConnection c = (HttpURLConnection) URI.create(m.group(1) + "/bundles/agents.json").toURL().openConnection();
            assertThat(c.getResponseCode()).isEqualTo(200);
            assertThat(c.getHeaderField("ETag")).isNotBlank();
            assertThat(new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{}");
        } finally {
            p.destroy();
            p.waitFor();
        }
    }
}
