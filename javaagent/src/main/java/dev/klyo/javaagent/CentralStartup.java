package dev.klyo.javaagent;

import dev.klyo.Klyo;
import dev.klyo.audit.AuditSink;
import dev.klyo.audit.export.AuditExport;
import dev.klyo.audit.export.FanOutAuditSink;
import dev.klyo.audit.export.HttpAuditShipper;
import dev.klyo.audit.export.RotatingJsonLinesAuditSink;
import dev.klyo.central.CentralPolicy;
import dev.klyo.central.CentralSettings;
import dev.klyo.central.Durations;
import dev.klyo.policy.Mode;
import dev.klyo.policy.Policy;
import dev.klyo.remote.FailureMode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agent's central-policy path (docs/central-policy.md): policy from a signed bundle URL or a
 * reloading file with team layers, optional remote decisions, and audit export, all through
 * {@link CentralPolicy} and {@link AuditExport}. Checks every setting before anything starts,
 * and reports the threads and files that are Klyo's own so the gate exempts and protects them.
 */
final class CentralStartup {

    private static final List<String> DURATIONS = List.of("poll.interval", "connect.timeout", "read.timeout",
            "opa.connect.timeout", "opa.read.timeout", "opa.cache.ttl", "opa.retry.after", "audit.retry.max");
    private static final List<String> COUNTS = List.of("opa.cache.size", "audit.queue", "audit.batch",
            "audit.spool.bytes", "audit.rotate.bytes", "audit.rotate.keep");

    /** What the central path built: the Klyo, what stops polling, and Klyo's own threads and files. */
    record Started(Klyo klyo, CentralPolicy central, String source, List<Thread> threads, Set<String> protectedFiles) {
    }

    private CentralStartup() {
    }

    static boolean requested(AgentSettings settings) {
        return !settings.central().isEmpty();
    }

    /** Every problem with the central settings, worded for the operator; empty when they are usable. */
    static List<String> problems(AgentSettings s) {
        List<String> problems = new ArrayList<>();
        boolean remote = s.get("policy.url") != null || s.get("policy.file") != null;
        if (s.get("policy") != null && remote) {
            problems.add("policy (a fixed local file) and policy.url/policy.file exclude each other; set one");
        }
        if (!remote && s.get("opa") == null) {
            problems.add("central settings " + s.central().keySet() + " need a policy source: set policy.url (with"
                    + " public.key) or policy.file, or opa");
        }
        if (s.get("opa") != null && !remote && s.get("policy") == null && isLocal(s.get("opa.failure"))) {
            problems.add("opa.failure=local needs a local policy: set policy, policy.url or policy.file");
        }
        if (!s.teams().isEmpty() && (s.get("policy.file") == null || s.get("public.key") != null)) {
            problems.add(String.join(", ", s.teams()) + ": team policy files go with policy.file (unsigned);"
                    + " with policy.url or a signed bundle the teams come from the bundle");
        }
        if (s.flag("otel")) {
            problems.add("otel=true is not available through the javaagent: its OpenTelemetry API is relocated"
                    + " inside klyo.jar, so the application's SDK would never see the events; use audit.url,"
                    + " audit.rotate.file or audit instead");
        }
        for (String key : DURATIONS) {
            if (s.get(key) != null) {
                try {
                    Durations.parse(s.get(key));
                } catch (IllegalArgumentException e) {
                    problems.add(key + ": " + e.getMessage());
                }
            }
        }
        for (String key : COUNTS) {
            if (s.get(key) != null && !positiveNumber(key, s.get(key), key.equals("opa.cache.size"))) {
                problems.add(key + " must be a whole number" + (key.equals("opa.cache.size") ? " (0 or more)" : " above 0")
                        + ", not '" + s.get(key) + "'");
            }
        }
        for (String key : List.of("audit.url", "opa")) {
            if (s.get(key) != null && !httpUrl(s.get(key))) {
                problems.add(key + " must be an http or https URL, not '" + s.get(key) + "'");
            }
        }
        if (s.get("opa.failure") != null) {
            try {
                FailureMode.fromKey(s.get("opa.failure"));
            } catch (IllegalArgumentException e) {
                problems.add("opa.failure: " + e.getMessage());
            }
        }
        if (problems.isEmpty()) {
            // The rest (URL scheme, public.key without a usable key, on.unavailable, unreadable key files) is
            // checked where it is defined, without doing any I/O beyond reading key files.
            try {
                CentralSettings.from(s.central());
            } catch (IllegalArgumentException | IOException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    /**
     * Builds the sinks and the {@link Klyo}. Blocks for the first policy fetch at most
     * {@code connect.timeout + read.timeout}; no hook exists yet, so that fetch is never governed.
     *
     * @param localPolicy the {@code policy} file's policy when only {@code opa} is set, else null
     * @param agentSink   the agent's own JSON Lines sink ({@code audit}), or {@link AuditSink#NONE}
     */
    static Started start(AgentSettings s, Policy localPolicy, Mode mode, AuditSink agentSink) throws IOException {
        Map<String, String> central = s.central();
        CentralPolicy policy = CentralPolicy.fromSettings(central);
        List<AuditSink> exported = AuditExport.sinks(central);
        List<Thread> threads = new ArrayList<>();
        Set<String> files = new HashSet<>();
        for (AuditSink sink : exported) {
            if (sink instanceof HttpAuditShipper shipper) {
                threads.add(shipper.thread());
            } else if (sink instanceof RotatingJsonLinesAuditSink rotating) {
                files.add(FilePaths.canonical(rotating.file()));
                for (int n = 1; n <= Integer.parseInt(s.get("audit.rotate.keep") == null ? "5" : s.get("audit.rotate.keep")); n++) {
                    files.add(FilePaths.canonical(rotating.rotated(n)));
                }
            }
        }
        List<AuditSink> all = new ArrayList<>(exported);
        if (agentSink != AuditSink.NONE) {
            all.add(agentSink);
        }
        Klyo.Builder builder = Klyo.builder().mode(mode).failOpen(s.flag("fail.open"));
        if (localPolicy != null) {
            builder.policy(localPolicy);
        }
        Klyo klyo = policy.start(builder, new FanOutAuditSink(all));
        if (policy.updater() != null) {
            threads.add(policy.updater().thread());
        }
        String source = s.get("policy.url") != null ? s.get("policy.url")
                : s.get("policy.file") != null ? s.get("policy.file") : "the policy file, decided by " + s.get("opa");
        if (s.get("policy.file") != null) {
            files.add(FilePaths.canonical(Path.of(s.get("policy.file")).toAbsolutePath()));
            for (String team : s.teams()) {
                files.add(FilePaths.canonical(Path.of(s.get(team)).toAbsolutePath()));
            }
        }
        if (s.get("bundle.cache") != null && !s.get("bundle.cache").equals("none")) {
            Path cache = Path.of(s.get("bundle.cache")).toAbsolutePath();
            files.add(FilePaths.canonical(cache));
            files.add(FilePaths.canonical(Path.of(cache + ".etag")));
        }
        return new Started(klyo, policy, source, threads, files);
    }

    private static boolean isLocal(String failure) {
        try {
            return failure != null && FailureMode.fromKey(failure) == FailureMode.LOCAL;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Byte sizes are longs; the other counts are ints in the sinks they configure. */
    private static boolean positiveNumber(String key, String value, boolean zeroAllowed) {
        try {
            long n = key.endsWith(".bytes") ? Long.parseLong(value.trim()) : Integer.parseInt(value.trim());
            return zeroAllowed ? n >= 0 : n > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean httpUrl(String value) {
        try {
            String scheme = URI.create(value).getScheme();
            return "http".equals(scheme) || "https".equals(scheme);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
