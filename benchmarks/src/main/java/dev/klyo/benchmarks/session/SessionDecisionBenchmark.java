package dev.klyo.benchmarks.session;

import dev.klyo.Klyo;
import dev.klyo.action.AgentContext;
import dev.klyo.action.ToolCall;
import dev.klyo.audit.AuditSink;
import dev.klyo.engine.Decision;
import dev.klyo.policy.PolicyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of deciding one tool call in a session that has already seen {@code history} actions,
 * under examples/policies/prompt-injection.yaml through the {@link Klyo} facade (session state,
 * CEL conditions, no audit). Tool-chain rules read the session's state (labels, counters, scope,
 * a bounded set of sensitive values), never its history, so the time should not grow with
 * {@code history}. The history mixes untrusted reads whose results carry a fresh e-mail address
 * each (so the remembered sensitive values reach their bound of 256), in-scope payments and
 * deletions (counted). Run from the repository root, or set {@code -Dklyo.policy=...}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class SessionDecisionBenchmark {

    private static final String PAYEE = "US122000000121212121212";
    private static final String ATTACKER = "US133000000121212121212";

    @Param({"0", "100", "1000", "10000"})
    public int history;

    private Klyo klyo;
    private ToolCall payment;
    private ToolCall injectedPayment;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path policy = Path.of(System.getProperty("klyo.policy", "examples/policies/prompt-injection.yaml"));
        if (!Files.isRegularFile(policy)) {
            throw new IllegalStateException(policy.toAbsolutePath() + " not found: run from the repository root"
                    + " or pass -Dklyo.policy=<path to prompt-injection.yaml>");
        }
        klyo = Klyo.builder().policy(new PolicyLoader().load(policy)).audit(AuditSink.NONE).build();
        AgentContext ctx = new AgentContext("alice", "assistant", "bench-session", Set.of());
        klyo.beginTurn(ctx, "Pay the bill in my files to " + PAYEE + ", then delete the old files");
        for (int i = 0; i < history; i++) {
            ToolCall action = switch (i % 4) {
                case 0 -> call(ctx, "read_file", "{\"file_path\": \"bill-" + i + ".txt\"}");
                case 1 -> call(ctx, "list_files", "{}");
                case 2 -> call(ctx, "send_money", "{\"recipient\": \"" + PAYEE + "\", \"amount\": " + i + "}");
                default -> call(ctx, "delete_file", "{\"file_id\": \"" + i + "\"}");
            };
            if (!klyo.decide(action).blocked()) {
                klyo.observeResult(action, "{\"from\": \"billing-" + i + "@example.com\", \"total\": 98.70}");
            }
        }
        payment = call(ctx, "send_money", "{\"recipient\": \"" + PAYEE + "\", \"amount\": 98.70}");
        injectedPayment = call(ctx, "send_money", "{\"recipient\": \"" + ATTACKER + "\", \"amount\": 98.70}");
        check(klyo.decide(payment), false);
        check(klyo.decide(injectedPayment), history > 0);
    }

    private static ToolCall call(AgentContext ctx, String tool, String argumentsJson) {
        return new ToolCall(ctx, tool, "", argumentsJson, Map.of());
    }

    /** A benchmark of the wrong outcome measures nothing: the setup checks both calls first. */
    private static void check(Decision decision, boolean blocked) {
        if (decision.blocked() != blocked) {
            throw new IllegalStateException("expected blocked=" + blocked + ", got " + decision.effect() + " by "
                    + decision.ruleId());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        klyo.close();
    }

    /** An in-scope payment: allowed, changes no state, so every invocation sees the same session. */
    @Benchmark
    public Decision inScopePayment() {
        return klyo.decide(payment);
    }

    /** The injected payment to a look-alike account: denied once the session has read untrusted data. */
    @Benchmark
    public Decision injectedPayment() {
        return klyo.decide(injectedPayment);
    }
}
