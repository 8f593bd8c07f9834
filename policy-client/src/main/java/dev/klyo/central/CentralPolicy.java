package dev.klyo.central;

import dev.klyo.Klyo;
import dev.klyo.action.ActionKind;
import dev.klyo.audit.AuditSink;
import dev.klyo.layers.LayeredDecisionPoint;
import dev.klyo.policy.Effect;
import dev.klyo.policy.Mode;
import dev.klyo.policy.Policy;
import dev.klyo.redact.Detector;
import dev.klyo.remote.OpaDecisionPoint;
import java.io.IOException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wires central policy into a {@link Klyo}: takes the policy from a bundle URL or a reloading
 * file, layers team policies over the org policy, and optionally asks a remote decision point.
 * The javaagent and integrations call it like this:
 *
 * <pre>{@code
 * CentralPolicy central = CentralPolicy.fromSettings(settings);   // validates; no I/O yet
 * Klyo klyo = central.start(Klyo.builder().mode(...), auditSink); // first policy, then polling
 * ...
 * central.close();                                               // stops polling
 * }</pre>
 */
public final class CentralPolicy implements AutoCloseable {

    private final CentralSettings settings;
    private volatile Klyo klyo;
    private Klyo.Builder builder;
    private PolicyUpdater updater;
    private OpaDecisionPoint remote;
    private Map<String, Detector> previousDetectors = Map.of();

    public CentralPolicy(CentralSettings settings) {
        this.settings = settings;
    }

    public static CentralPolicy fromSettings(Map<String, String> settings) throws IOException {
        return new CentralPolicy(CentralSettings.from(settings));
    }

    /**
     * Builds the {@link Klyo} from {@code builder} with the first central policy (or, with only a
     * decision point configured, with the builder's own policy) and keeps it current.
     */
    public synchronized Klyo start(Klyo.Builder klyoBuilder, AuditSink audit) {
        this.builder = klyoBuilder.audit(audit);
        settings.opa().ifPresent(opa -> remote = new OpaDecisionPoint(opa, Mode.ENFORCE, null));
        Optional<PolicySource> source = settings.source();
        if (source.isPresent()) {
            updater = new PolicyUpdater(source.get(), this::apply, audit, settings.pollInterval());
            updater.start(PolicySet.of(unavailablePolicy(settings.allowWhenUnavailable())));
        } else {
            klyo = builder.build();
            if (remote != null) {
                Klyo k = klyo;
                k.decideWith(remote.with(k.policy().mode(), (a, s) -> k.engine().decide(a, s)));
            }
        }
        return klyo;
    }

    /**
     * Installs a policy set: detectors of the old and new set stay available while the decision
     * point changes, so no decision can name a detector the redactor no longer knows.
     */
    private synchronized void apply(PolicySet raw) {
        PolicySet set = withMode(raw);
        Map<String, Detector> union = new LinkedHashMap<>(previousDetectors);
        union.putAll(detectors(set));
        if (klyo == null) {
            klyo = builder.policy(withDetectors(set.policy(), union)).build();
        } else {
            klyo.reload(withDetectors(set.policy(), union));
        }
        Klyo k = klyo;
        DecisionPoint local = set.layered() ? new LayeredDecisionPoint(set) : null;
        if (remote != null) {
            DecisionPoint fallback = local != null ? local : (a, s) -> k.engine().decide(a, s);
            remote = remote.with(set.policy().mode(), fallback);
            k.decideWith(remote);
        } else {
            k.decideWith(local);
        }
        Map<String, Detector> now = detectors(set);
        k.reload(withDetectors(set.policy(), now));
        previousDetectors = now;
    }

    private PolicySet withMode(PolicySet set) {
        Mode m = settings.modeOverride();
        if (m == null) {
            return set;
        }
        Map<String, Policy> teams = new LinkedHashMap<>();
        set.teams().forEach((g, p) -> teams.put(g, p.withMode(m)));
        return new PolicySet(set.policy().withMode(m), teams, set.revision());
    }

    private static Map<String, Detector> detectors(PolicySet set) {
        Map<String, Detector> all = new LinkedHashMap<>();
        set.teams().values().forEach(p -> all.putAll(p.detectors()));
        all.putAll(set.policy().detectors());
        return all;
    }

    private static Policy withDetectors(Policy p, Map<String, Detector> detectors) {
        return new Policy(p.name(), p.revision(), p.mode(), p.defaults(), p.rules(), detectors, p.source());
    }

    /** What decides when nothing could be loaded: every kind denied (fail closed) or, if configured, allowed. */
    public static Policy unavailablePolicy(boolean allow) {
        Map<ActionKind, Effect> defaults = new EnumMap<>(ActionKind.class);
        for (ActionKind k : ActionKind.values()) {
            defaults.put(k, allow ? Effect.ALLOW : Effect.DENY);
        }
        String name = allow ? "klyo-unavailable-open" : "klyo-unavailable-closed";
        return new Policy(name, name + "@builtin", Mode.ENFORCE, defaults, List.of(), Map.of(), "built-in");
    }

    /** The policy set in force, or null when this instance only adds remote decisions. */
    public PolicySet current() {
        return updater == null ? null : updater.current();
    }

    /** The updater (counters, last error, its thread to exempt); null without a policy source. */
    public PolicyUpdater updater() {
        return updater;
    }

    /** The remote decision point in use (counters); null without {@code opa}. */
    public OpaDecisionPoint remote() {
        return remote;
    }

    public Klyo klyo() {
        return klyo;
    }

    /** Stops polling. The {@link Klyo} stays usable with the last policy and is closed by its owner. */
    @Override
    public synchronized void close() {
        if (updater != null) {
            updater.close();
        }
    }
}
