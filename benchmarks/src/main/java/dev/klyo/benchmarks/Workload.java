package dev.klyo.benchmarks;

import java.util.List;

/**
 * One benchmark case, independent of any engine: the rules every engine is given and the
 * actions each must decide, with the answer each must give. Each engine translates it into its
 * own policy language, so all three decide the same question.
 *
 * @param kind       what the rules govern
 * @param rules      the rules, in policy order
 * @param conditions whether every rule carries the condition "the principal is alice"
 * @param probes     the actions decided per benchmark operation, {@link #PROBES} of them
 */
public record Workload(Kind kind, List<RuleSpec> rules, boolean conditions, List<Probe> probes) {

    /** Actions decided per benchmark invocation; JMH divides the time by this. */
    public static final int PROBES = 6;

    /** The principal every condition asks for. */
    public static final String PRINCIPAL = "alice";

    public Workload {
        rules = List.copyOf(rules);
        probes = List.copyOf(probes);
        if (probes.size() != PROBES) {
            throw new IllegalArgumentException("a workload decides exactly " + PROBES + " actions");
        }
    }

    public enum Kind { NETWORK, FILE, TOOL }

    /**
     * One rule. {@code pattern} is a host entry (exact name, {@code *.domain} or CIDR), a path
     * glob, or a tool name glob, in Klyo's syntax; {@code server} restricts a tool rule to one
     * MCP server and is null for any server.
     */
    public record RuleSpec(String id, boolean deny, String pattern, String server) {
    }

    /** What an engine must answer for a probe. */
    public enum Outcome {
        /** A rule allows it. */
        ALLOW,
        /** A deny rule matches (possibly beside an allow: deny wins). */
        DENY,
        /** No rule matches; the default (deny) decides. */
        DEFAULT_DENY
    }

    /**
     * One action to decide. {@code target} is the host, canonical path or tool name;
     * {@code address} the dialled IP (network only); {@code server} the MCP server (tool only).
     * {@code plain} is the expected outcome without conditions, {@code conditional} with them.
     */
    public record Probe(String label, String principal, String target, String address, String server,
                        Outcome plain, Outcome conditional) {

        public Outcome expected(boolean conditions) {
            return conditions ? conditional : plain;
        }
    }
}
