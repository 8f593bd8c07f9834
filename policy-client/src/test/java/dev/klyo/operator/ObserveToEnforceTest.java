package dev.klyo.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.Klyo;
import dev.klyo.action.AgentContext;
import dev.klyo.action.FileAccess;
import dev.klyo.action.FileOperation;
import dev.klyo.action.HttpBody;
import dev.klyo.action.HttpRequest;
import dev.klyo.action.ProcessStart;
import dev.klyo.cli.KlyoCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's workflow through the real {@code klyo} command line, as docs/operator.md tells it. */
class ObserveToEnforceTest {

    @TempDir
    Path dir;

    private Run klyo(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = KlyoCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void initRecordReplayAllowReplayEnforce() throws Exception {
        Path policy = dir.resolve("klyo-policy.yaml");
        Path audit = dir.resolve("audit.jsonl");
        assertThat(klyo("init", "--preset", "balanced", "--output", policy.toString()).exit()).isZero();
        assertThat(klyo("check", policy.toString()).exit()).isZero();

        AgentContext ctx = new AgentContext("alice", "support-bot", "s-1", Set.of());
        try (Klyo recorder = Klyo.builder().policy(policy).auditFile(audit).build()) {
            recorder.enforce(new HttpRequest(ctx, "POST", URI.create("https://api.openai.com/v1/responses"), Map.of(),
                    HttpBody.of("{\"input\":\"hi\"}")));
            recorder.enforce(new HttpRequest(ctx, "GET", URI.create("https://crm.example.com/customers/7"), Map.of(),
                    HttpBody.NONE));
            recorder.enforce(new ProcessStart(ctx, List.of("sudo", "id"), "/"));
            recorder.enforce(FileAccess.of(dir.resolve("notes.txt").toString(), FileOperation.WRITE));
        }

        Run wouldDeny = klyo("log", "--color=never", "--effect", "deny", audit.toString());
        assertThat(wouldDeny.out().lines().skip(1)).hasSize(2).allMatch(l -> l.contains(" would-deny "));

        Run before = klyo("replay", "--progress=none", audit.toString(), "--policy", policy.toString(), "--mode",
                "enforce", "--fail-on", "newly-blocked");
        assertThat(before.exit()).isEqualTo(1);
        assertThat(before.out()).contains("NOW ENFORCED (AN OBSERVED DENIAL THE CANDIDATE BLOCKS): 2 actions",
                "GET https://crm.example.com/customers/7", "sudo id");

        assertThat(klyo("policy", "allow", "network", "crm.example.com", "--policy", policy.toString()).exit()).isZero();
        assertThat(klyo("check", policy.toString()).exit()).isZero();

        Run after = klyo("replay", "--progress=none", audit.toString(), "--policy", policy.toString(), "--mode",
                "enforce", "--fail-on", "newly-blocked");
        assertThat(after.exit()).as(after.out()).isEqualTo(1);
        assertThat(after.out()).contains("NEWLY ALLOWED: 1 action", "by rule allow-network-crm.example.com",
                "NOW ENFORCED (AN OBSERVED DENIAL THE CANDIDATE BLOCKS): 1 action", "sudo id");
        assertThat(after.out().substring(after.out().indexOf("NOW ENFORCED"))).doesNotContain("crm.example.com");

        Path report = dir.resolve("report.html");
        assertThat(klyo("report", "--progress=none", audit.toString(), "--html", report.toString()).exit()).isZero();
        assertThat(Files.readString(report)).contains("crm.example.com", "sudo id", "notes.txt");
    }

    @Test
    void everyOperatorCommandExplainsItself() {
        for (String[] command : List.of(new String[] {"log"}, new String[] {"report"}, new String[] {"replay"},
                new String[] {"init"}, new String[] {"policy", "allow"}, new String[] {"policy", "deny"},
                new String[] {"secret", "set"}, new String[] {"secret", "list"}, new String[] {"secret", "rm"})) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            Run help = klyo(args);
            assertThat(help.exit()).as(String.join(" ", command)).isZero();
            assertThat(help.out()).as(String.join(" ", command)).startsWith("Usage: klyo " + String.join(" ", command))
                    .doesNotContain("null");
        }
        assertThat(klyo("--help").out()).contains("report", "replay", "init", "policy", "secret");
    }
}
