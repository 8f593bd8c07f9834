package dev.klyo;

import dev.klyo.action.Action;
import dev.klyo.action.AgentContext;
import dev.klyo.approval.ApprovalRequest;
import dev.klyo.approval.ApprovalResult;
import dev.klyo.approval.Approver;
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
import dev.klyo.policy.Rule;
import dev.klyo.redact.Detector;
import dev.klyo.redact.Finding;
import dev.klyo.redact.Redactor;
import dev.klyo.session.ScopeDerivation;
import dev.klyo.session.SensitiveData;
import dev.klyo.session.Session;
import dev.klyo.session.Sessions;
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

    private final Sessions sessions = new Sessions();
    private final Approver approver;

    private Klyo(Builder b) {
        this.approver = b.approver;
        this.modeOverride = b.mode;
        this.engine = new PolicyEngine(withOverride(b.policy));
        this.audit = b.audit;
        this.failOpen = b.failOpen;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Decides and audits; never throws for a denial. If evaluation itself fails, fails closed
     * unless configured open. An action whose context names a session is decided against that
     * session's state (labels, counters, scope), an {@code approve} decision is put to the
     * approver before returning, and an action that goes ahead updates its session.
     */
    public Decision decide(Action action) {
        // One read of each: a reload between deciding and applying session effects must not mix policies.
        PolicyEngine current = engine;
        DecisionPoint point = decisionPoint;
        String sessionId = action.context().sessionId();
        if (sessionId.isEmpty()) {
            return decide(action, Map.of(), current, point);
        }
        Session session = sessions.get(sessionId);
        Map<String, Object> state = session.toMap();
        Decision decision = decide(action, state, current, point);
        if (!decision.blocked() && decision.effect() != Effect.APPROVE) {
            List<Rule> effects = point == null ? decision.sessionEffects() : current.sessionEffects(action, state);
            for (Rule rule : effects) {
                rule.labels().forEach(session::label);
                if (rule.counter() != null) {
                    session.increment(rule.counter());
                }
            }
        }
        return decision;
    }

    /** Decides against session state supplied by the caller instead of Klyo's own sessions. */
    public Decision decide(Action action, Map<String, Object> session) {
        return decide(action, session, engine, decisionPoint);
    }

    private Decision decide(Action action, Map<String, Object> session, PolicyEngine current, DecisionPoint point) {
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
        if (decision.effect() == Effect.APPROVE && decision.enforced()) {
            ApprovalResult answer = approver.request(new ApprovalRequest(action,
                    decision.rules().stream().map(Rule::id).toList(), decision.message()));
            decision = new Decision(answer.approved() ? Effect.ALLOW : Effect.DENY, true, decision.mode(),
                    decision.rules(), decision.redactions(), decision.policyRevision(), false,
                    decision.auditRedactions(), decision.sessionEffects());
            failure = answer.reason();
        }
        if (audit == AuditSink.NONE) {
            // Building an event costs more than most decisions (a random UUID, copies of every attribute).
            return decision;
        }
        long latency = System.nanoTime() - start;
        try {
            audit.write(AuditEvents.of(action, decision, latency, redactor(decision.auditRedactions()), failure));
        } catch (RuntimeException e) {
            // An audit failure must not change the decision; the sink counts its own losses.
        }
        return decision;
    }

    /**
     * Starts a turn of a conversation: unless the application declared the session's scope, it
     * is derived from the user's own message (see {@link ScopeDerivation} for what that can and
     * cannot understand).
     */
    public Session beginTurn(AgentContext context, String userMessage) {
        Session session = sessions.get(context.sessionId());
        if (!session.scope().declared()) {
            session.scope(ScopeDerivation.fromUserMessage(userMessage == null ? "" : userMessage));
        }
        return session;
    }

    /** The state Klyo keeps for a session, created on first use; declare its scope here. */
    public Session session(String sessionId) {
        return sessions.get(sessionId);
    }

    /**
     * Records what an action returned to the agent (a tool result, a response body): secrets and
     * personal data found in it label the session {@code secret}/{@code pii} and {@code sensitive},
     * and the values are remembered so a later action carrying one is recognisable.
     */
    public void observeResult(Action action, String content) {
        String sessionId = action.context().sessionId();
        if (sessionId.isEmpty() || content == null || content.isEmpty()) {
            return;
        }
        Session session = sessions.get(sessionId);
        for (Map.Entry<String, Detector> d : engine.policy().detectors().entrySet()) {
            String label = SensitiveData.labelFor(d.getKey());
            if (label == null) {
                continue;
            }
            for (Finding f : d.getValue().find(content)) {
                session.label(label);
                session.label(SensitiveData.SENSITIVE);
                session.rememberSensitive(content.substring(f.start(), f.end()));
            }
        }
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

    /** True while {@link #engine()} makes the decisions, false while a {@link DecisionPoint} does. */
    public boolean decidesLocally() {
        return decisionPoint == null;
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
        private Approver approver = Approver.NONE;

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

        /** Who answers {@code approve} rules; without one, every approval is a denial. */
        public Builder approver(Approver approver) {
            this.approver = Objects.requireNonNull(approver);
            return this;
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
