package dev.klyo.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klyo.Klyo;
import dev.klyo.action.Action;
import dev.klyo.action.AgentContext;
import dev.klyo.action.DnsLookup;
import dev.klyo.action.FileAccess;
import dev.klyo.action.FileOperation;
import dev.klyo.action.HttpBody;
import dev.klyo.action.HttpRequest;
import dev.klyo.action.ProcessStart;
import dev.klyo.action.ToolCall;
import dev.klyo.audit.AuditJson;
import dev.klyo.policy.PolicyLoader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records real traffic decisions with the real engine and audit sink, changes the policy, and
 * checks that replay reports exactly the actions the change affects, judged from the actions
 * the test generated rather than from Klyo's own answers.
 */
class ReplayCommandTest {

    private static final String RECORDED = """
            version: 1
            name: recorded
            mode: observe
            defaults: {http: deny, network: deny, dns: allow, file: allow, process: allow, tool: deny, sql: allow}
            rules:
              - id: api
                effect: allow
                match: {http: {hosts: [api.example.com, "*.example.org"], methods: [GET, POST]}}
              - id: tools
                effect: allow
                match: {tool: {names: ["get_*", "list_*", search]}}
              # the rule the candidate changes
              - id: no-secrets
                effect: deny
                message: credentials stay on disk
                match: {file: {paths: ["/home/agent/.ssh/**"]}}
            """;

    private static final List<String> FILES = List.of("/home/agent/.ssh/id_rsa", "/home/agent/.ssh/config.pem",
            "/home/agent/.aws/credentials", "/home/agent/.aws/config", "/home/agent/work/a.txt", "/srv/keys/server.pem",
            "/tmp/x.pem", "/home/agent/work/notes.md", "/home/agent/.awsx/file");

    @TempDir
    static Path dir;

    private static Path log;
    private static final List<Action> actions = new ArrayList<>();
    private static final List<String> eventIds = new ArrayList<>();

    /** Records once for the class: each test reads the same log with another candidate. */
    @BeforeAll
    static void record() throws Exception {
        log = dir.resolve("audit.jsonl");
        Random random = new Random(42);
        List<AgentContext> contexts = new ArrayList<>();
        for (String agent : List.of("coder", "support", "triage")) {
            for (int s = 0; s < 4; s++) {
                contexts.add(new AgentContext("user" + s, agent, agent + "-s" + s, Set.of("staff")));
            }
        }
        try (Klyo klyo = Klyo.builder().policy(new PolicyLoader().parse(RECORDED, "recorded.yaml")).auditFile(log).build()) {
            for (int i = 0; i < 2000; i++) {
                AgentContext ctx = contexts.get(random.nextInt(contexts.size()));
                Action action = switch (random.nextInt(6)) {
                    case 0, 1 -> new HttpRequest(ctx, List.of("GET", "POST", "PUT").get(random.nextInt(3)),
                            URI.create("https://" + List.of("api.example.com", "docs.example.org", "paste.example.net")
                                    .get(random.nextInt(3)) + "/v1/items/" + random.nextInt(50)),
                            Map.of(), HttpBody.of("{\"n\":" + i + "}"));
                    case 2 -> new FileAccess(ctx, FILES.get(random.nextInt(FILES.size())),
                            List.of(FileOperation.READ, FileOperation.WRITE, FileOperation.LIST).get(random.nextInt(3)));
                    case 3 -> new ToolCall(ctx, List.of("get_issue", "list_files", "delete_repo", "search")
                            .get(random.nextInt(4)), "", "{\"id\":" + i + "}", Map.of());
                    case 4 -> new ProcessStart(ctx, random.nextBoolean() ? List.of("git", "status")
                            : List.of("bash", "-c", "ls " + i), "/home/agent/work");
                    default -> new DnsLookup(ctx, "host" + random.nextInt(5) + ".example.com");
                };
                actions.add(action);
                klyo.decide(action);
            }
        }
        for (String line : Files.readAllLines(log)) {
            eventIds.add(AuditJson.fromJson(line).eventId());
        }
        assertThat(eventIds).as("the sink recorded every decision, in order").hasSize(actions.size());
    }

    private static Path candidate(String paths) throws Exception {
        Path file = Files.createTempFile(dir, "candidate", ".yaml");
        Files.writeString(file, RECORDED.replace("paths: [\"/home/agent/.ssh/**\"]", "paths: " + paths));
        return file;
    }

    /** The events of the generated actions that satisfy a test of the ground truth. */
    private static Set<String> eventsWhere(java.util.function.Predicate<Action> test) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < actions.size(); i++) {
            if (test.test(actions.get(i))) {
                out.add(eventIds.get(i));
            }
        }
        return out;
    }

    @Test
    void reportsExactlyTheActionsTheChangedRuleNewlyDenies() throws Exception {
        Path policy = candidate("[\"/home/agent/.ssh/**\", \"/home/agent/.aws/**\", \"**/*.pem\"]");
        Set<String> expected = eventsWhere(a -> a instanceof FileAccess f && !f.path().startsWith("/home/agent/.ssh/")
                && (f.path().startsWith("/home/agent/.aws/") || f.path().endsWith(".pem")));
        assertThat(expected).hasSizeGreaterThan(50);

        Run run = Run.of(new ReplayCommand(), "--progress=none", "--json", log.toString(), "--policy", policy.toString());

        assertThat(run.exit()).isZero();
        List<JsonNode> changes = json(run.out());
        assertThat(changes).allSatisfy(c -> {
            assertThat(c.get("change").asText()).isEqualTo("newly-denied");
            assertThat(c.get("candidate").get("ruleId").asText()).isEqualTo("no-secrets");
            assertThat(c.get("recorded").get("effect").asText()).isEqualTo("allow");
        });
        assertThat(changes.stream().map(c -> c.get("eventId").asText()).collect(Collectors.toSet()))
                .isEqualTo(expected).hasSize(changes.size());
        assertThat(run.err()).contains("Summary: " + expected.size() + " newly denied, 0 newly allowed, 0 now enforced");

        Run text = Run.of(new ReplayCommand(), "--progress=none", "--limit", "0", log.toString(), "--policy",
                policy.toString());
        assertThat(text.out()).contains("NEWLY DENIED: " + expected.size() + " actions",
                "by rule no-secrets: " + expected.size() + " actions", "read /home/agent/.aws/credentials",
                "recorded allowed by default", "list /tmp/x.pem").doesNotContain("NEWLY ALLOWED", ".ssh/id_rsa");
        long listed = text.out().lines().filter(l -> l.matches("\\s+\\d+x\\s+file .*"))
                .mapToLong(l -> Long.parseLong(l.trim().split("x", 2)[0])).sum();
        assertThat(listed).isEqualTo(expected.size());
    }

    @Test
    void failOnGatesTheChangesTheOperatorNamed() throws Exception {
        Path policy = candidate("[\"/home/agent/.ssh/**\", \"/home/agent/.aws/**\"]");

        assertThat(Run.of(new ReplayCommand(), "--progress=none", "--fail-on", "newly-denied", log.toString(),
                "--policy", policy.toString()).exit()).isEqualTo(1);
        assertThat(Run.of(new ReplayCommand(), "--progress=none", "--fail-on", "newly-allowed", log.toString(),
                "--policy", policy.toString()).exit()).isZero();
        Run observed = Run.of(new ReplayCommand(), "--progress=none", "--fail-on", "newly-blocked", log.toString(),
                "--policy", policy.toString());
        assertThat(observed.exit()).as("an observe-mode candidate blocks nothing").isZero();
        Run unchanged = Run.of(new ReplayCommand(), "--progress=none", "--fail-on", "any-change", log.toString(),
                "--policy", candidate("[\"/home/agent/.ssh/**\"]").toString());
        assertThat(unchanged.exit()).isZero();
        assertThat(unchanged.out()).contains("Summary: 0 newly denied, 0 newly allowed, 0 now enforced",
                "2000 unchanged");
    }

    @Test
    void enforcingShowsWhatWouldNowBeBlocked() throws Exception {
        Path policy = candidate("[\"/home/agent/.ssh/**\"]");
        Set<String> observedDenials = eventsWhere(a -> a instanceof FileAccess f && f.path().startsWith("/home/agent/.ssh/")
                || a instanceof HttpRequest r && (r.method().equals("PUT") || r.host().equals("paste.example.net"))
                || a instanceof ToolCall t && t.name().equals("delete_repo"));

        Run run = Run.of(new ReplayCommand(), "--progress=none", "--json", "--mode", "enforce", "--fail-on",
                "newly-blocked", log.toString(), "--policy", policy.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(json(run.out())).allMatch(c -> c.get("change").asText().equals("now-enforced"))
                .extracting(c -> c.get("eventId").asText()).containsExactlyInAnyOrderElementsOf(observedDenials);
        assertThat(run.err()).contains(observedDenials.size() + " would now be blocked that passed when recorded",
                "failing on " + observedDenials.size() + " newly-blocked");
    }

    @Test
    void reportsNewlyAllowedActionsByTheRuleThatAllowsThem() throws Exception {
        Path policy = dir.resolve("paste.yaml");
        Files.writeString(policy, RECORDED + """
                  - id: paste
                    effect: allow
                    match: {http: {hosts: [paste.example.net], methods: [GET, POST]}}
                """);
        Set<String> expected = eventsWhere(a -> a instanceof HttpRequest r && r.host().equals("paste.example.net")
                && !r.method().equals("PUT"));

        Run run = Run.of(new ReplayCommand(), "--progress=none", "--json", "--fail-on", "newly-allowed", log.toString(),
                "--policy", policy.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(json(run.out())).allMatch(c -> c.get("change").asText().equals("newly-allowed")
                        && c.get("candidate").get("ruleId").asText().equals("paste")
                        && c.get("recorded").get("ruleId").asText().equals("default"))
                .extracting(c -> c.get("eventId").asText()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void showsProgressOnStderrAndKeepsStdoutForResults() throws Exception {
        Run run = Run.of(new ReplayCommand(), "--progress=plain", "--progress-every", "500", log.toString(), "--policy",
                candidate("[\"/home/agent/.ssh/**\"]").toString());
        List<String> lines = run.err().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.subList(0, 4)).allMatch(l -> l.matches("replay: +\\d+% [0-9,]+ events"));
        assertThat(lines.get(3)).isEqualTo("replay: 100% 2,000 events");
        assertThat(lines.get(4)).isEqualTo("replay: done, 2,000 events");
        assertThat(run.out()).doesNotContain("replay:");
    }

    @Test
    void theRecordingPolicyReplaysWithoutChangeAndUnreplayableEventsAreNamed() {
        Path fixture = Run.resource("fixture-audit.jsonl");
        Run run = Run.of(new ReplayCommand(), "--progress=none", "--env", "HOME=/home/alice", "--fail-on", "any-change",
                fixture.toString(), "--policy", Run.resource("fixture-policy.yaml").toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Summary: 0 newly denied, 0 newly allowed, 0 now enforced, 0 no longer enforced, "
                + "0 other effect changes; 32 unchanged", "1 not replayable");
        assertThat(run.err()).contains(fixture + ":21: cannot replay this http event: 'url' is not a URL");
    }

    @Test
    void anInvalidCandidateIsReportedWithItsLocationAndNothingIsReplayed() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, RECORDED.replace("effect: deny", "effect: denny"));
        Run run = Run.of(new ReplayCommand(), log.toString(), "--policy", bad.toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains(bad + ":14:13: rules[2].effect", "did you mean 'deny'");
        assertThat(run.out()).isEmpty();
    }

    private static List<JsonNode> json(String out) {
        ObjectMapper mapper = new ObjectMapper();
        return out.lines().map(l -> {
            try {
                return mapper.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + l, e);
            }
        }).toList();
    }
}
