package dev.klyo.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.action.Action;
import dev.klyo.action.AgentContext;
import dev.klyo.action.DnsLookup;
import dev.klyo.action.FileAccess;
import dev.klyo.action.FileOperation;
import dev.klyo.action.HttpRequest;
import dev.klyo.action.NetworkConnect;
import dev.klyo.action.ProcessStart;
import dev.klyo.action.ToolCall;
import dev.klyo.policy.Effect;
import dev.klyo.policy.Mode;
import dev.klyo.policy.Policy;
import dev.klyo.policy.Rule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The indexes only narrow down which rules to test; they must never change a decision. Random
 * policies and actions (fixed seed, so a failure reproduces) are decided by the engine and by a
 * brute-force scan over every rule that re-derives the combination semantics independently.
 */
class IndexEquivalenceTest {

    private static final String[] HOST_PATTERNS = {"a.example.com", "b.example.com", "example.com", "*.example.com",
        "*.a.example.com", "*", "10.0.0.0/8", "10.1.0.0/16", "192.168.0.0/24", "fd00::/8", "10.0.0.1", "evil.net",
        "::ffff:192.168.0.0/120", "0.0.0.0/0"};
    private static final String[] HOSTS = {"a.example.com", "b.example.com", "example.com", "x.a.example.com",
        "evil.net", "notexample.com", "10.0.0.1", "10.1.2.3", "192.168.0.5", "fd00::1", "::ffff:10.0.0.9",
        "2001:db8::1", "11.0.0.1"};
    private static final String[] PATH_PATTERNS = {"~/.ssh/**", "/srv/**", "/srv/work/*.txt", "/srv/*/sub/*.key",
        "/etc/passwd", "**/*.key", "/tmp/*", "/**", "${WORK}/sub/**", "/srv/work", "/home/agent/.ssh/id_*",
        "/{etc,tmp}/**"};
    private static final String[] PATHS = {"/home/agent/.ssh/id_rsa", "/home/agent/.ssh", "/srv/work/a.txt",
        "/srv/work/sub/b.key", "/etc/passwd", "/tmp/x", "/tmp/x/y", "/srv/work", "/srv", "/", "/var/log/z.key"};
    private static final String[] TOOL_PATTERNS = {"get_*", "list_files", "*", "delete_*", "send_{mail,sms}",
        "*_repo", "get_user", "g*"};
    private static final String[] TOOLS = {"get_issue", "get_user", "list_files", "delete_repo", "send_mail", "sms",
        "g"};
    private static final String[] COMMAND_PATTERNS = {"bash", "/bin/*", "curl", "py*", "*", "/usr/bin/curl"};
    private static final String[] COMMANDS = {"/bin/bash", "sh", "/usr/bin/curl", "python3", "curl", "bash"};
    private static final String[] EFFECTS = {"allow", "allow", "deny", "redact", "log"};
    private static final String[] METHODS = {"GET", "POST", "DELETE"};
    private static final String[] KINDS = {"http", "network", "dns", "file", "tool", "process"};

    @Test
    void indexedDecisionsEqualABruteForceScan() {
        Random random = new Random(20261122L);
        int checked = 0;
        for (int p = 0; p < 40; p++) {
            Policy policy = TestPolicies.policy(randomPolicy(random, 5 + random.nextInt(60)));
            PolicyEngine engine = new PolicyEngine(policy);
            for (int a = 0; a < 150; a++) {
                Action action = randomAction(random);
                Decision actual = engine.decide(action);
                Expected expected = bruteForce(policy, action);
                assertThat(actual.effect()).as("%s under\n%s", action, policy.rules()).isEqualTo(expected.effect);
                assertThat(actual.enforced()).as("%s", action).isEqualTo(expected.enforced);
                assertThat(ids(actual.rules())).as("%s", action).isEqualTo(expected.ruleIds);
                Decision explained = engine.explain(action).decision();
                assertThat(explained.effect()).isEqualTo(actual.effect());
                assertThat(ids(explained.rules())).isEqualTo(ids(actual.rules()));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(40 * 150);
    }

    private record Expected(Effect effect, boolean enforced, Set<String> ruleIds) {
    }

    private static Expected bruteForce(Policy policy, Action action) {
        List<Rule> denies = new ArrayList<>();
        List<Rule> allows = new ArrayList<>();
        List<Rule> redacts = new ArrayList<>();
        List<Rule> logs = new ArrayList<>();
        for (Rule rule : policy.rules()) {
            if (!rule.criteria().matches(action)) {
                continue;
            }
            switch (rule.effect()) {
                case DENY -> denies.add(rule);
                case ALLOW -> allows.add(rule);
                case REDACT -> redacts.add(rule);
                case LOG -> logs.add(rule);
            }
        }
        boolean policyEnforces = policy.mode() == Mode.ENFORCE;
        if (!denies.isEmpty()) {
            boolean enforced = denies.stream().anyMatch(r -> policyEnforces && r.mode() != Mode.OBSERVE);
            return new Expected(Effect.DENY, enforced, ids(denies));
        }
        if (allows.isEmpty() && policy.defaultFor(action.kind()) == Effect.DENY) {
            return new Expected(Effect.DENY, policyEnforces, Set.of());
        }
        Set<String> all = new HashSet<>(ids(allows));
        all.addAll(ids(redacts));
        all.addAll(ids(logs));
        if (!redacts.isEmpty()) {
            boolean enforced = redacts.stream().anyMatch(r -> policyEnforces && r.mode() != Mode.OBSERVE);
            return new Expected(Effect.REDACT, enforced, all);
        }
        return new Expected(logs.isEmpty() ? Effect.ALLOW : Effect.LOG, true, all);
    }

    private static Set<String> ids(List<Rule> rules) {
        Set<String> out = new HashSet<>();
        rules.forEach(r -> out.add(r.id()));
        return out;
    }

    private static String randomPolicy(Random random, int rules) {
        StringBuilder yaml = new StringBuilder("version: 1\n");
        if (random.nextInt(5) == 0) {
            yaml.append("mode: observe\n");
        }
        yaml.append("defaults: {");
        for (int i = 0; i < KINDS.length; i++) {
            yaml.append(i == 0 ? "" : ", ").append(KINDS[i]).append(": ").append(random.nextBoolean() ? "allow" : "deny");
        }
        yaml.append("}\nrules:\n");
        for (int i = 0; i < rules; i++) {
            String effect = pick(random, EFFECTS);
            yaml.append("  - id: r").append(i).append("\n    effect: ").append(effect).append('\n');
            if (effect.equals("redact")) {
                yaml.append("    redact: [email]\n");
            }
            if (random.nextInt(4) == 0) {
                yaml.append("    mode: ").append(random.nextBoolean() ? "observe" : "enforce").append('\n');
            }
            yaml.append("    match:\n      ");
            String kind = pick(random, KINDS);
            yaml.append(kind).append(":\n");
            switch (kind) {
                case "http" -> {
                    list(yaml, random, "hosts", HOST_PATTERNS);
                    list(yaml, random, "methods", METHODS);
                    list(yaml, random, "paths", new String[] {"/v1/**", "/admin", "/*", "/v1/*/x"});
                    list(yaml, random, "ports", new String[] {"443", "80", "8000-9000"});
                }
                case "network" -> {
                    list(yaml, random, "hosts", HOST_PATTERNS);
                    list(yaml, random, "ports", new String[] {"443", "22", "1-1024"});
                }
                case "dns" -> list(yaml, random, "hosts", HOST_PATTERNS);
                case "file" -> {
                    list(yaml, random, "paths", PATH_PATTERNS);
                    list(yaml, random, "operations", new String[] {"read", "write", "list"});
                }
                case "tool" -> {
                    list(yaml, random, "names", TOOL_PATTERNS);
                    list(yaml, random, "servers", new String[] {"github", "git*"});
                }
                default -> {
                    list(yaml, random, "commands", COMMAND_PATTERNS);
                    list(yaml, random, "args", new String[] {"-c", "*.sh"});
                }
            }
        }
        return yaml.toString();
    }

    /** Appends the key with 1-3 random values, or nothing (half the time), which means "any". */
    private static void list(StringBuilder yaml, Random random, String key, String[] values) {
        if (random.nextBoolean()) {
            return;
        }
        yaml.append("        ").append(key).append(": [");
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            yaml.append(i == 0 ? "" : ", ").append('"').append(pick(random, values)).append('"');
        }
        yaml.append("]\n");
    }

    private static Action randomAction(Random random) {
        AgentContext ctx = AgentContext.ANONYMOUS;
        return switch (random.nextInt(6)) {
            case 0 -> {
                String host = pick(random, HOSTS);
                String shown = host.contains(":") ? "[" + host + "]" : host;
                String port = random.nextBoolean() ? "" : ":" + pick(random, new String[] {"443", "80", "8080", "22"});
                yield HttpRequest.of(pick(random, METHODS), pick(random, new String[] {"https", "http"}) + "://" + shown
                        + port + pick(random, new String[] {"/v1/a/x", "/admin", "/", "/v1"}));
            }
            case 1 -> NetworkConnect.tcp(random.nextBoolean() ? pick(random, HOSTS) : "", pick(random, HOSTS),
                    pick(random, new int[] {443, 22, 80, 5000}));
            case 2 -> DnsLookup.of(pick(random, HOSTS));
            case 3 -> FileAccess.of(pick(random, PATHS), FileOperation.values()[random.nextInt(3)]);
            case 4 -> new ToolCall(ctx, pick(random, TOOLS), pick(random, new String[] {"", "github", "gitlab"}), "{}",
                    Map.of());
            default -> random.nextBoolean() ? ProcessStart.of(pick(random, COMMANDS))
                    : ProcessStart.of(pick(random, COMMANDS), pick(random, new String[] {"-c", "x.sh", "-v"}), "id");
        };
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static int pick(Random random, int[] values) {
        return values[random.nextInt(values.length)];
    }
}
