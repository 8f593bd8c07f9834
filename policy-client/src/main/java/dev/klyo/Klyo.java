package dev.klyo;

import dev.klyo.action.Action;
import dev.klyo.audit.AuditEvents;
import dev.klyo.audit.AuditSink;
import dev.klyo.audit.JsonLinesAuditSink;
import dev.klyo.central.DecisionPoint;
import dev.klyo.engine.Decision;
import dev.klyo.engine.PolicyEngine;
import dev.klyo.policy.Effect;
import dev.klyo.policy.Mode;
import dev.klyo.policy.Policy;
import dev.klyo.policy.PolicyException;
import dev.klyo.policy.PolicyLoader;
import dev.klyo.redact.Detector;
import dev.klyo.redact.Redactor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entry point for enforcement points: decides each action against the current policy and
 * records one audit event per decision. The policy can be swapped atomically at any time.
 *
 * <pre>{@code
 * try (Klyo klyo = Klyo.builder().policy(Path.of("policy.yaml")).auditFile(Path.of("audit.jsonl")).build()) {
 *     klyo.enforce(ToolCall.of("delete_file", "{\"id\":13}"));   // throws ActionDeniedException if denied
 * }
 * }</pre>
 */
public final class Klyo implements AutoCloseable {

    private volatile PolicyEngine engine;
    private volatile DecisionPoint decisionPoint;
    private final Mode modeOverride;
    private final AuditSink audit;
    private final boolean failOpen;
    private final Map<List<String>, Redactor> redactors = new ConcurrentHashMap<>();

    private Klyo(Builder b) {
        this.modeOverride = b.mode;
        this.engine = new PolicyEngine(withOverride(b.policy));
        this.audit = b.audit;
        this.failOpen = b.failOpen;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Decides and audits; never throws for a denial. If evaluation itself fails, fails closed unless configured open. */
    public Decision decide(Action action) {
        return decide(action, Map.of());
    }

    public Decision decide(Action action, Map<String, Object> session) {
        PolicyEngine current = engine;
        DecisionPoint point = decisionPoint;
        long start = System.nanoTime();
        Decision decision;
        String failure = null;
        try {
            decision = point != null ? point.decide(action, session) : current.decide(action, session);
        } catch (RuntimeException | StackOverflowError e) {
            Policy p = current.policy();
            decision = new Decision(Effect.DENY, !failOpen && p.mode() == Mode.ENFORCE, p.mode(), List.of(),
                    List.of(), p.revision(), true);
            failure = "evaluation failed (" + e + "); " + (failOpen ? "failing open" : "failing closed");
        }
        long latency = System.nanoTime() - start;
        try {
            audit.write(AuditEvents.of(action, decision, latency, redactor(decision.auditRedactions()), failure));
        } catch (RuntimeException e) {
            // An audit failure must not change the decision; the sink counts its own losses.
        }
        return decision;
    }

    /** Decides, audits and throws {@link ActionDeniedException} when the action must not run. */
    public Decision enforce(Action action) {
        Decision decision = decide(action);
        if (decision.blocked()) {
            throw new ActionDeniedException(action, decision);
        }
        return decision;
    }

    /** The redactor for a decision's obligations (detector ids from the current policy). */
    public Redactor redactor(List<String> detectorIds) {
        if (detectorIds.isEmpty()) {
            return EMPTY;
        }
        Map<String, Detector> available = engine.policy().detectors();
        return redactors.computeIfAbsent(List.copyOf(detectorIds), ids -> {
            List<Detector> ds = new ArrayList<>();
            for (String id : ids) {
                Detector d = available.get(id);
                if (d != null) {
                    ds.add(d);
                }
            }
            return new Redactor(ds);
        });
    }

    private static final Redactor EMPTY = new Redactor(List.of());

    /** Swaps the policy atomically: every decision sees either the old or the new one, never a mix. */
    public void reload(Policy policy) {
        PolicyEngine next = new PolicyEngine(withOverride(policy));
        redactors.clear();
        engine = next;
    }

    /**
     * Hands every decision to {@code point} (layered policies, a remote decision point) instead of
     * the local engine; {@code null} returns to the engine. Read once per decision, so swapping it
     * is as atomic as {@link #reload(Policy)}. The engine's policy still supplies detectors.
     */
    public void decideWith(DecisionPoint point) {
        redactors.clear();
        decisionPoint = point;
    }

    public Policy policy() {
        return engine.policy();
    }

    public PolicyEngine engine() {
        return engine;
    }

    public AuditSink audit() {
        return audit;
    }

    private Policy withOverride(Policy p) {
        return modeOverride == null ? p : p.withMode(modeOverride);
    }

    @Override
    public void close() {
        audit.close();
    }

    public static final class Builder {
        private Policy policy;
        private Mode mode;
        private AuditSink audit = AuditSink.NONE;
        private boolean failOpen;

        public Builder policy(Policy policy) {
            this.policy = policy;
            return this;
        }

        public Builder policy(Path file) throws IOException, PolicyException {
            return policy(new PolicyLoader().load(file));
        }

        /** Overrides the policy's global mode (the agent's {@code mode=observe} switch). */
        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        public Builder audit(AuditSink sink) {
            this.audit = Objects.requireNonNull(sink);
            return this;
        }

        public Builder auditFile(Path file) throws IOException {
            return audit(new JsonLinesAuditSink(file));
        }

        /** Allow actions when evaluation itself fails. Off by default: Klyo fails closed. */
        public Builder failOpen(boolean failOpen) {
            this.failOpen = failOpen;
            return this;
        }

        public Klyo build() {
            if (policy == null) {
                throw new IllegalStateException("a policy is required");
            }
            return new Klyo(this);
        }
    }
}
