package dev.klyo.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.Klyo;
import dev.klyo.action.AgentContext;
import dev.klyo.action.ToolCall;
import dev.klyo.approval.ApprovalResult;
import dev.klyo.policy.Effect;
import dev.klyo.policy.Policy;
import dev.klyo.policy.PolicyLoader;
import dev.klyo.session.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every policy in docs/semantic-policies.md loads, and the behaviour the page claims for them holds. */
class SemanticRulesDocTest {

    private static final Path DOC = Path.of("..", "docs", "semantic-policies.md");
    private static final Pattern YAML = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final AgentContext SESSION = new AgentContext("alice", "assistant", "doc-session", Set.of());

    static List<String> yamlBlocks() throws Exception {
        List<String> out = new ArrayList<>();
        Matcher m = YAML.matcher(Files.readString(DOC));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static Policy policy(String name) throws Exception {
        for (String block : yamlBlocks()) {
            if (block.contains("name: " + name + "\n")) {
                return new PolicyLoader().parse(block, name + ".yaml");
            }
        }
        throw new AssertionError("no policy " + name + " in " + DOC);
    }

    @Test
    void everyPolicyLoadsAndTheScenarioExampleParses(@TempDir Path dir) throws Exception {
        int policies = 0;
        for (String block : yamlBlocks()) {
            if (block.startsWith("version: 1")) {
                new PolicyLoader().parse(block, "semantic-policies.md");
                policies++;
            } else {
                Path file = dir.resolve("scenarios.yaml");
                Files.writeString(file, block);
                assertThat(Scenario.load(file)).allSatisfy(s -> assertThat(s.injectedCalls()).isNotEmpty());
            }
        }
        assertThat(policies).isEqualTo(6);
    }

    @Test
    void sqlGuardSeesDdlUnboundedWritesAndHiddenSecondStatements() throws Exception {
        try (Klyo klyo = Klyo.builder().policy(policy("sql-guard")).build()) {
            Map<String, Boolean> blocked = new java.util.LinkedHashMap<>();
            for (String sql : List.of("SELECT count(*) FROM payments", "DELETE FROM payments WHERE id = 7",
                    "DROP TABLE payments", "DELETE FROM payments", "UPDATE payments SET amount = 0",
                    "SELECT 1; TRUNCATE TABLE payments")) {
                String args = "{\"sql\": \"" + sql + "\"}";
                blocked.put(sql, klyo.decide(new ToolCall(SESSION, "run_query", "", args, Map.of())).blocked());
            }
            assertThat(blocked).containsExactly(Map.entry("SELECT count(*) FROM payments", false),
                    Map.entry("DELETE FROM payments WHERE id = 7", false), Map.entry("DROP TABLE payments", true),
                    Map.entry("DELETE FROM payments", true), Map.entry("UPDATE payments SET amount = 0", true),
                    Map.entry("SELECT 1; TRUNCATE TABLE payments", true));
        }
    }

    @Test
    void theFourthDeletionIsTheFirstDenied() throws Exception {
        try (Klyo klyo = Klyo.builder().policy(policy("labels-and-counters")).build()) {
            List<Boolean> blocked = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                blocked.add(klyo.decide(new ToolCall(SESSION, "delete_file", "", "{\"id\": " + i + "}", Map.of()))
                        .blocked());
            }
            assertThat(blocked).containsExactly(false, false, false, true, true);
            assertThat(klyo.session("doc-session").counter("deletions")).isEqualTo(3);
        }
    }

    @Test
    void approvalsAskTheApproverAndWithoutOneAreDenied() throws Exception {
        ToolCall large = new ToolCall(SESSION, "send_money", "", "{\"recipient\": \"x\", \"amount\": 5000}", Map.of());
        ToolCall small = new ToolCall(SESSION, "send_money", "", "{\"recipient\": \"x\", \"amount\": 50}", Map.of());
        try (Klyo nobody = Klyo.builder().policy(policy("approvals")).build()) {
            assertThat(nobody.decide(large).blocked()).isTrue();
            assertThat(nobody.decide(small).blocked()).isFalse();
        }
        List<String> asked = new ArrayList<>();
        try (Klyo klyo = Klyo.builder().policy(policy("approvals")).approver(request -> {
            asked.add(request.action().target());
            return request.action().context().principal().equals("alice")
                    ? ApprovalResult.approved("auto:alice") : ApprovalResult.refused("auto", "not alice");
        }).build()) {
            assertThat(klyo.decide(large).effect()).isEqualTo(Effect.ALLOW);
            assertThat(asked).containsExactly("send_money");
        }
    }
}
