package dev.klyo.javaagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Startup errors fail closed with a located message; Klyo's own files cannot be changed by the application. */
class FailureModesIT {

    private static LoopbackTargets good;

    @BeforeAll
    static void startServer() throws Exception {
        good = new LoopbackTargets("127.0.0.1", null);
    }

    @AfterAll
    static void stopServer() throws Exception {
        good.close();
    }

    @Test
    void badPolicyIsReportedWithItsLocationAndFailsClosed(@TempDir Path tmp) throws Exception {
        Fixture f = new Fixture(tmp);
        Files.writeString(f.policy, """
                version: 1
                name: broken
                rules:
                  - id: oops
                    effect: permit
                    match: {http: {hosts: [example.com]}}
                """);
        String url = "http://127.0.0.1:" + good.httpPort() + "/fail-closed";
        List<String> steps = List.of("urlconn-get|" + url, "nio-write|" + f.allowed + "/out.txt",
                "pb|mkdir|" + f.marker("fail-closed"), "read|" + f.allowed + "/ok.txt");

        ForkedJvm.Result run = ForkedJvm.run(f.root, f.agentArgs(""), f.jvmOptions(), steps);

        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).contains(f.policy + ":5:").contains("effect").contains("FAILING CLOSED");
        assertThat(run.result("urlconn-get|" + url)).startsWith("DENIED");
        assertThat(run.result("nio-write|" + f.allowed + "/out.txt")).startsWith("DENIED");
        assertThat(run.result("pb|mkdir|" + f.marker("fail-closed"))).startsWith("DENIED");
        // The host keeps running and can still load classes, but reads outside the JVM's own files are denied too.
        assertThat(run.result("read|" + f.allowed + "/ok.txt")).startsWith("DENIED");
        assertThat(good.requestsTo("/fail-closed")).isZero();
        assertThat(f.allowed.resolve("out.txt")).doesNotExist();
        assertThat(f.marker("fail-closed")).doesNotExist();
    }

    @Test
    void policyErrorExitStopsTheJvm(@TempDir Path tmp) throws Exception {
        Fixture f = new Fixture(tmp);
        Files.writeString(f.policy, "version: 1\nname: broken\nmode: sometimes\n");

        ForkedJvm.Result run = ForkedJvm.run(f.root, f.agentArgs("policy.error=exit"), f.jvmOptions(),
                List.of("pb|mkdir|" + f.marker("never")));

        assertThat(run.exitCode()).isEqualTo(78);
        assertThat(run.stderr()).contains(f.policy + ":3:");
        assertThat(run.results()).isEmpty();
        assertThat(f.marker("never")).doesNotExist();
    }

    @Test
    void policyErrorObserveKeepsTheHostWorkingAndRecordsEveryActionAsAWouldBeDenial(@TempDir Path tmp)
            throws Exception {
        Fixture f = new Fixture(tmp);
        Files.writeString(f.policy, "version: 1\nname: broken\nmode: sometimes\n");
        String url = "http://127.0.0.1:" + good.httpPort() + "/observed-anyway";
        List<String> steps = List.of("urlconn-get|" + url, "nio-write|" + f.allowed + "/out.txt",
                "pb|mkdir|" + f.marker("observed"));

        ForkedJvm.Result run = ForkedJvm.run(f.root, f.agentArgs("policy.error=observe"), f.jvmOptions(), steps);

        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).contains(f.policy + ":3:").contains("OBSERVING ONLY").doesNotContain("FAILING CLOSED");
        assertThat(good.requestsTo("/observed-anyway")).isEqualTo(1);
        assertThat(f.allowed.resolve("out.txt")).exists();
        assertThat(f.marker("observed")).isDirectory();
        assertThat(f.observedDenials("http", "/observed-anyway")).isEqualTo(1);
        assertThat(f.observedDenials("file", f.allowed + "/out.txt")).isPositive();
        assertThat(f.observedDenials("process", "mkdir")).isEqualTo(1);
    }

    @Test
    void anUnknownPolicyErrorValueFailsClosed(@TempDir Path tmp) throws Exception {
        Fixture f = new Fixture(tmp);
        Files.writeString(f.policy, "version: 1\nname: broken\nmode: sometimes\n");

        ForkedJvm.Result run = ForkedJvm.run(f.root, f.agentArgs("policy.error=obsrve"), f.jvmOptions(),
                List.of("pb|mkdir|" + f.marker("typo")));

        assertThat(run.stderr()).contains("policy.error must be deny, observe or exit, not 'obsrve'")
                .contains("FAILING CLOSED");
        assertThat(run.result("pb|mkdir|" + f.marker("typo"))).startsWith("DENIED");
        assertThat(f.marker("typo")).doesNotExist();
    }

    @Test
    void theApplicationCannotChangeOrDeleteThePolicyOrTheAuditLog(@TempDir Path tmp) throws Exception {
        Fixture f = new Fixture(tmp);
        String policyText = Files.readString(f.policy);
        List<String> steps = List.of("nio-write|" + f.policy, "delete|" + f.policy, "nio-delete|" + f.audit,
                "write|" + f.audit, "rename|" + f.audit + "|" + f.allowed + "/gone.jsonl", "nio-read|" + f.policy);

        ForkedJvm.Result run = ForkedJvm.run(f.root, f.agentArgs("mode=observe"), f.jvmOptions(), steps);

        for (String step : steps.subList(0, 5)) {
            assertThat(run.result(step)).as(step).startsWith("DENIED").contains("Klyo's own policy and audit files");
        }
        assertThat(run.result("nio-read|" + f.policy)).startsWith("OK");
        assertThat(Files.readString(f.policy)).isEqualTo(policyText);
        assertThat(f.auditEvents()).isNotEmpty();
    }

    @Test
    void settingsFromSystemPropertiesWorkAndAgentArgumentsWin(@TempDir Path tmp) throws Exception {
        Fixture f = new Fixture(tmp);
        List<String> options = List.of("-Djdk.net.hosts.file=" + f.hosts, "-Dklyo.policy=" + f.policy,
                "-Dklyo.audit=" + f.audit, "-Dklyo.mode=enforce");

        ForkedJvm.Result run = ForkedJvm.run(f.root, "mode=observe", options, List.of("read|" + f.secretFile));

        assertThat(run.stderr()).contains("mode observe");
        assertThat(run.result("read|" + f.secretFile)).isEqualTo("OK " + Fixture.SECRET);
        assertThat(f.observedDenials("file", "read " + f.secretFile)).isEqualTo(1);
    }
}
