package dev.klyo.benchmarks;

import dev.klyo.benchmarks.Workload.Kind;
import dev.klyo.benchmarks.Workload.Outcome;
import dev.klyo.benchmarks.Workload.Probe;
import dev.klyo.benchmarks.Workload.RuleSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates the benchmark workloads. Rule {@code i} gets a shape from {@code i % 10}, so every
 * size has the same mix; the probes pick rules from the middle and the end of the list (never
 * only the first rule), include a deny that overlaps an allow (deny must win), an action no rule
 * matches (the default decides) and, with conditions, an action whose matching rule's condition
 * is false.
 */
public final class Workloads {

    private static final String MALLORY = "mallory";

    private Workloads() {
    }

    public static Workload of(Kind kind, int ruleCount, boolean conditions) {
        if (ruleCount < 10 || ruleCount % 10 != 0) {
            throw new IllegalArgumentException("rule count must be a positive multiple of 10: " + ruleCount);
        }
        return switch (kind) {
            case NETWORK -> network(ruleCount, conditions);
            case FILE -> files(ruleCount, conditions);
            case TOOL -> tools(ruleCount, conditions);
        };
    }

    /**
     * Shapes: 0-3 exact host, 4-6 {@code *.svcN.example.net}, 7-8 an IPv4 /24, 9 a deny of one
     * host inside the wildcard of rule {@code i-5}.
     */
    static Workload network(int n, boolean conditions) {
        List<RuleSpec> rules = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int shape = i % 10;
            String pattern;
            if (shape <= 3) {
                pattern = "api" + i + ".example.com";
            } else if (shape <= 6) {
                pattern = "*.svc" + i + ".example.net";
            } else if (shape <= 8) {
                pattern = cidr(i);
            } else {
                pattern = "deny.svc" + (i - 5) + ".example.net";
            }
            rules.add(new RuleSpec("net-" + i, shape == 9, pattern, null));
        }
        int exact = pick(n, 0.5, 0);
        String exactHost = "api" + exact + ".example.com";
        int cidr = pick(n, 0.7, 7);
        String inRange = cidr(cidr).replace(".0/24", ".9");
        List<Probe> probes = List.of(
                probe("exact host", exactHost, "198.51.100.7", null, Outcome.ALLOW),
                probe("wildcard host", "build.svc" + pick(n, 0.9, 4) + ".example.net", "198.51.100.8", null,
                        Outcome.ALLOW),
                probe("address in CIDR", inRange, inRange, null, Outcome.ALLOW),
                probe("deny beside allow", "deny.svc" + (pick(n, 0.3, 9) - 5) + ".example.net", "198.51.100.9",
                        null, Outcome.DENY),
                probe("no rule", "unknown.example.org", "203.0.113.50", null, Outcome.DEFAULT_DENY),
                otherPrincipal(exactHost, "198.51.100.7", null));
        return new Workload(Kind.NETWORK, rules, conditions, probes);
    }

    /**
     * Shapes: 0-4 {@code /srv/appN/**}, 5-6 {@code /home/agent/projN/*.md}, 7-8
     * {@code /data/setN/**}{@code /*.csv}, 9 a deny of {@code /srv/appM/secrets/**} inside the
     * allow of rule {@code i-9}; rule {@code n-2} is the unanchored deny {@code **}{@code /*.pem}
     * that every real policy has and no prefix index can place.
     */
    static Workload files(int n, boolean conditions) {
        List<RuleSpec> rules = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int shape = i % 10;
            String pattern;
            if (i == n - 2) {
                pattern = "**/*.pem";
            } else if (shape <= 4) {
                pattern = "/srv/app" + i + "/**";
            } else if (shape <= 6) {
                pattern = "/home/agent/proj" + i + "/*.md";
            } else if (shape <= 8) {
                pattern = "/data/set" + i + "/**/*.csv";
            } else {
                pattern = "/srv/app" + (i - 9) + "/secrets/**";
            }
            rules.add(new RuleSpec("file-" + i, shape == 9 || i == n - 2, pattern, null));
        }
        String source = "/srv/app" + pick(n, 0.5, 0) + "/src/main/App.java";
        List<Probe> probes = List.of(
                probe("directory tree", source, null, null, Outcome.ALLOW),
                probe("one-segment glob", "/home/agent/proj" + pick(n, 0.9, 5) + "/README.md", null, null,
                        Outcome.ALLOW),
                probe("glob across segments", "/data/set" + pick(n, 0.7, 7) + "/2024/q1/sales.csv", null, null,
                        Outcome.ALLOW),
                probe("deny beside allow", "/srv/app" + (pick(n, 0.3, 9) - 9) + "/secrets/db.txt", null, null,
                        Outcome.DENY),
                probe("no rule", "/etc/shadow", null, null, Outcome.DEFAULT_DENY),
                otherPrincipal(source, null, null));
        return new Workload(Kind.FILE, rules, conditions, probes);
    }

    /**
     * Shapes: 0-4 exact tool name on any server, 5-7 {@code svcN_*} on server {@code mcpN}, 8
     * {@code queryN_*} on any server, 9 a deny of {@code svcM_delete*} inside the allow of rule
     * {@code i-4}.
     */
    static Workload tools(int n, boolean conditions) {
        List<RuleSpec> rules = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int shape = i % 10;
            RuleSpec rule;
            if (shape <= 4) {
                rule = new RuleSpec("tool-" + i, false, "tool_" + i, null);
            } else if (shape <= 7) {
                rule = new RuleSpec("tool-" + i, false, "svc" + i + "_*", "mcp" + i);
            } else if (shape == 8) {
                rule = new RuleSpec("tool-" + i, false, "query" + i + "_*", null);
            } else {
                rule = new RuleSpec("tool-" + i, true, "svc" + (i - 4) + "_delete*", "mcp" + (i - 4));
            }
            rules.add(rule);
        }
        String exact = "tool_" + pick(n, 0.5, 0);
        int prefixed = pick(n, 0.9, 5);
        int denied = pick(n, 0.3, 9) - 4;
        List<Probe> probes = List.of(
                probe("exact name", exact, null, "github", Outcome.ALLOW),
                probe("prefix and server", "svc" + prefixed + "_list_issues", null, "mcp" + prefixed, Outcome.ALLOW),
                probe("prefix, any server", "query" + pick(n, 0.7, 8) + "_sales", null, "analytics", Outcome.ALLOW),
                probe("deny beside allow", "svc" + denied + "_delete_repo", null, "mcp" + denied, Outcome.DENY),
                probe("no rule", "rm_rf", null, "shell", Outcome.DEFAULT_DENY),
                otherPrincipal(exact, null, "github"));
        return new Workload(Kind.TOOL, rules, conditions, probes);
    }

    private static Probe probe(String label, String target, String address, String server, Outcome outcome) {
        return new Probe(label, Workload.PRINCIPAL, target, address, server, outcome, outcome);
    }

    /** Allowed by its rule, unless the rule's condition asks for another principal. */
    private static Probe otherPrincipal(String target, String address, String server) {
        return new Probe("condition false", MALLORY, target, address, server, Outcome.ALLOW, Outcome.DEFAULT_DENY);
    }

    private static String cidr(int i) {
        return "10." + (i / 256 % 256) + "." + (i % 256) + ".0/24";
    }

    /** The last rule of {@code shape} before {@code fraction} of the list, or the first one after it. */
    private static int pick(int n, double fraction, int shape) {
        int limit = (int) Math.ceil(n * fraction);
        int i = limit - 1 - Math.floorMod(limit - 1 - shape, 10);
        return i >= 0 ? i : shape;
    }
}
