package dev.klyo.benchmarks;

import dev.klyo.action.Action;
import dev.klyo.action.AgentContext;
import dev.klyo.action.FileAccess;
import dev.klyo.action.FileOperation;
import dev.klyo.action.NetworkConnect;
import dev.klyo.action.ToolCall;
import dev.klyo.benchmarks.Workload.Outcome;
import dev.klyo.benchmarks.Workload.Probe;
import dev.klyo.benchmarks.Workload.RuleSpec;
import dev.klyo.engine.Decision;
import dev.klyo.engine.PolicyEngine;
import dev.klyo.policy.Effect;
import dev.klyo.policy.PolicyException;
import dev.klyo.policy.PolicyLoader;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/** Klyo on a workload: the policy written as YAML text, loaded as a user's file would be. */
public class KlyoState extends WorkloadParams {

    PolicyEngine engine;
    Action[] actions;

    @Setup(Level.Trial)
    public void setUp() throws PolicyException {
        Workload workload = workload();
        engine = new PolicyEngine(new PolicyLoader(name -> null).parse(yaml(workload), "benchmark.yaml"));
        actions = workload.probes().stream().map(p -> action(workload.kind(), p)).toArray(Action[]::new);
        for (int i = 0; i < actions.length; i++) {
            Decision d = engine.decide(actions[i]);
            Outcome actual = d.effect() == Effect.ALLOW ? Outcome.ALLOW
                    : d.effect() == Effect.DENY && d.defaulted() ? Outcome.DEFAULT_DENY
                    : d.effect() == Effect.DENY ? Outcome.DENY : null;
            Expectations.check("Klyo", workload, workload.probes().get(i), actual);
        }
    }

    static String yaml(Workload workload) {
        StringBuilder y = new StringBuilder(64 + workload.rules().size() * 120);
        y.append("version: 1\nname: bench-").append(workload.kind().name().toLowerCase(Locale.ROOT)).append('\n');
        y.append("defaults: {http: deny, network: deny, dns: deny, file: deny, tool: deny}\n");
        y.append("rules:\n");
        for (RuleSpec r : workload.rules()) {
            y.append("  - id: ").append(r.id()).append('\n');
            y.append("    effect: ").append(r.deny() ? "deny" : "allow").append('\n');
            y.append("    match: ").append(match(workload.kind(), r)).append('\n');
            if (workload.conditions()) {
                y.append("    when: 'context.principal == \"").append(Workload.PRINCIPAL).append("\"'\n");
            }
        }
        return y.toString();
    }

    private static String match(Workload.Kind kind, RuleSpec r) {
        String pattern = '"' + r.pattern() + '"';
        return switch (kind) {
            case NETWORK -> "{network: {hosts: [" + pattern + "]}}";
            case FILE -> "{file: {paths: [" + pattern + "]}}";
            case TOOL -> r.server() == null ? "{tool: {names: [" + pattern + "]}}"
                    : "{tool: {names: [" + pattern + "], servers: [\"" + r.server() + "\"]}}";
        };
    }

    private static Action action(Workload.Kind kind, Probe p) {
        AgentContext context = new AgentContext(p.principal(), "bench-agent", "session-1", Set.of("dev"));
        return switch (kind) {
            case NETWORK -> new NetworkConnect(context, p.target(), p.address(), 443, NetworkConnect.Protocol.TCP);
            case FILE -> new FileAccess(context, p.target(), FileOperation.READ);
            case TOOL -> new ToolCall(context, p.target(), p.server(), "{\"q\":\"x\"}", Map.of());
        };
    }
}
