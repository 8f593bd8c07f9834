package dev.klyo.benchmarks;

import dev.klyo.benchmarks.Workload.Kind;
import dev.klyo.benchmarks.Workload.Outcome;
import dev.klyo.benchmarks.Workload.Probe;
import dev.klyo.benchmarks.Workload.RuleSpec;
import java.util.ArrayList;
import java.util.List;
import org.casbin.jcasbin.main.EnforceResult;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * jCasbin on a workload: one policy line per rule, the allow-and-deny effect (any deny wins),
 * and matchers built from jCasbin's own functions: {@code globMatch} for wildcards and paths,
 * {@code ipMatch} for CIDRs. A condition is the cheapest form jCasbin has for it, a principal
 * column compared in the matcher, not a per-rule {@code eval()}.
 */
public class CasbinState extends WorkloadParams {

    Enforcer enforcer;
    Object[][] requests;

    @Setup(Level.Trial)
    public void setUp() {
        Workload workload = workload();
        Model model = new Model();
        model.loadModelFromText(model(workload.kind(), workload.conditions()));
        enforcer = new Enforcer(model);
        enforcer.enableLog(false);
        List<List<String>> lines = new ArrayList<>(workload.rules().size());
        for (RuleSpec r : workload.rules()) {
            lines.add(line(workload.kind(), r));
        }
        if (!enforcer.addPolicies(lines)) {
            throw new IllegalStateException("jCasbin refused the policy lines");
        }
        requests = workload.probes().stream().map(p -> request(workload.kind(), p)).toArray(Object[][]::new);
        for (int i = 0; i < requests.length; i++) {
            EnforceResult result = enforcer.enforceEx(requests[i]);
            Outcome actual = result.isAllow() ? Outcome.ALLOW
                    : result.getExplain() == null || result.getExplain().isEmpty() ? Outcome.DEFAULT_DENY : Outcome.DENY;
            Expectations.check("jCasbin", workload, workload.probes().get(i), actual);
        }
    }

    boolean decide(int probe) {
        return enforcer.enforce(requests[probe]);
    }

    static String model(Kind kind, boolean conditions) {
        String request;
        String policy;
        String matcher;
        switch (kind) {
            case NETWORK -> {
                request = "sub, host, addr";
                policy = "sub, type, obj, eft";
                matcher = "((p.type == \"exact\" && r.host == p.obj) || (p.type == \"glob\" && globMatch(r.host, p.obj))"
                        + " || (p.type == \"cidr\" && ipMatch(r.addr, p.obj)))";
            }
            case FILE -> {
                request = "sub, path";
                policy = "sub, obj, eft";
                matcher = "globMatch(r.path, p.obj)";
            }
            case TOOL -> {
                request = "sub, name, server";
                policy = "sub, name, server, eft";
                matcher = "globMatch(r.name, p.name) && (p.server == \"*\" || r.server == p.server)";
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
        return "[request_definition]\nr = " + request + "\n\n"
                + "[policy_definition]\np = " + policy + "\n\n"
                + "[policy_effect]\ne = some(where (p.eft == allow)) && !some(where (p.eft == deny))\n\n"
                + "[matchers]\nm = " + (conditions ? "r.sub == p.sub && " : "") + matcher + "\n";
    }

    private static List<String> line(Kind kind, RuleSpec r) {
        String effect = r.deny() ? "deny" : "allow";
        return switch (kind) {
            case NETWORK -> List.of(Workload.PRINCIPAL, hostType(r.pattern()), r.pattern(), effect);
            case FILE -> List.of(Workload.PRINCIPAL, r.pattern(), effect);
            case TOOL -> List.of(Workload.PRINCIPAL, r.pattern(), r.server() == null ? "*" : r.server(), effect);
        };
    }

    private static String hostType(String pattern) {
        return pattern.contains("/") ? "cidr" : pattern.contains("*") ? "glob" : "exact";
    }

    private static Object[] request(Kind kind, Probe p) {
        return switch (kind) {
            case NETWORK -> new Object[] {p.principal(), p.target(), p.address()};
            case FILE -> new Object[] {p.principal(), p.target()};
            case TOOL -> new Object[] {p.principal(), p.target(), p.server()};
        };
    }
}
