package dev.klyo.engine;

import dev.klyo.action.Action;
import dev.klyo.action.ActionKind;
import dev.klyo.action.ProcessStart;
import dev.klyo.action.ToolCall;
import dev.klyo.intent.IntentInference;
import dev.klyo.session.Session;
import dev.klyo.session.SessionFacts;
import dev.klyo.policy.ConditionReferences;
import dev.klyo.policy.Criteria;
import dev.klyo.policy.Effect;
import dev.klyo.policy.FileCriteria;
import dev.klyo.policy.HttpCriteria;
import dev.klyo.policy.Mode;
import dev.klyo.policy.NetworkCriteria;
import dev.klyo.policy.Policy;
import dev.klyo.policy.ProcessCriteria;
import dev.klyo.policy.Rule;
import dev.klyo.policy.ToolCriteria;
import dev.cel.runtime.CelEvaluationException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates actions against one immutable {@link Policy}. Any matching deny wins, whatever the
 * order of rules; {@code redact} and {@code log} modify an allow; when nothing grants or denies,
 * the kind's default decides. Thread-safe and lock-free: indexes are built once, then only read.
 */
public final class PolicyEngine {

    private final Policy policy;
    private final Map<ActionKind, CandidateIndex> indexes = new EnumMap<>(ActionKind.class);
    private final Map<ActionKind, List<Rule>> rulesByKind = new EnumMap<>(ActionKind.class);
    private final Map<ActionKind, List<Rule>> statefulByKind = new EnumMap<>(ActionKind.class);
    private final boolean fileDecisionsIgnorePaths;
    /** What {@link #decide} returns when no rule is a candidate, built once per kind. */
    private final Map<ActionKind, Decision> defaults = new EnumMap<>(ActionKind.class);

    public PolicyEngine(Policy policy) {
        this.policy = policy;
        HostIndex http = new HostIndex();
        HostIndex network = new HostIndex();
        HostIndex dns = new HostIndex();
        PathIndex file = new PathIndex();
        NameIndex tool = new NameIndex(a -> new String[] {((ToolCall) a).name()});
        NameIndex process = new NameIndex(a -> {
            ProcessStart p = (ProcessStart) a;
            return p.program().equals(p.programName())
                    ? new String[] {p.program()} : new String[] {p.program(), p.programName()};
        });
        ScanIndex sql = new ScanIndex();
        ScanIndex model = new ScanIndex();
        for (ActionKind k : ActionKind.values()) {
            rulesByKind.put(k, new ArrayList<>());
        }
        for (Rule rule : policy.rules()) {
            Criteria c = rule.criteria();
            for (ActionKind kind : c.kinds()) {
                rulesByKind.get(kind).add(rule);
                switch (kind) {
                    case HTTP -> http.add(rule, c instanceof HttpCriteria h ? h.hosts() : ((NetworkCriteria) c).hosts());
                    case NETWORK -> network.add(rule, ((NetworkCriteria) c).hosts());
                    case DNS -> dns.add(rule, ((NetworkCriteria) c).hosts());
                    case FILE -> file.add(rule, ((FileCriteria) c).paths());
                    case TOOL -> tool.add(rule, ((ToolCriteria) c).names());
                    case PROCESS -> process.add(rule, ((ProcessCriteria) c).commands());
                    case SQL -> sql.add(rule);
                    case MODEL -> model.add(rule);
                }
            }
        }
        indexes.put(ActionKind.HTTP, http.freeze());
        indexes.put(ActionKind.NETWORK, network.freeze());
        indexes.put(ActionKind.DNS, dns.freeze());
        indexes.put(ActionKind.FILE, file.freeze());
        indexes.put(ActionKind.TOOL, tool.freeze());
        indexes.put(ActionKind.PROCESS, process.freeze());
        indexes.put(ActionKind.SQL, sql.freeze());
        indexes.put(ActionKind.MODEL, model.freeze());
        rulesByKind.replaceAll((k, v) -> List.copyOf(v));
        rulesByKind.forEach((k, v) -> statefulByKind.put(k, v.stream().filter(Rule::changesSession).toList()));
        for (ActionKind k : ActionKind.values()) {
            defaults.put(k, new Tally().decide(policy, k));
        }
        fileDecisionsIgnorePaths = rulesByKind.get(ActionKind.FILE).stream().allMatch(r ->
                ((FileCriteria) r.criteria()).paths().isEmpty() && r.condition() == null && !r.changesSession());
    }

    /**
     * True when no file rule names paths, has a condition or changes the session: every file
     * decision then follows from the operation alone, and an enforcement point may decide an
     * operation without canonicalising its path (which costs a system call per path component).
     */
    public boolean fileDecisionsIgnorePaths() {
        return fileDecisionsIgnorePaths;
    }

    public Policy policy() {
        return policy;
    }

    public Decision decide(Action action) {
        return decide(action, Map.of());
    }

    /** Decides with session state ({@code session} in conditions) supplied by the caller. */
    public Decision decide(Action action, Map<String, Object> session) {
        List<Rule> candidates = new ArrayList<>(8);
        indexes.get(action.kind()).candidates(action, candidates);
        if (candidates.isEmpty()) {
            // Most actions match no rule (an allowed file read, a call to an allowed host): no tally needed.
            return defaults.get(action.kind());
        }
        Tally tally = new Tally();
        Variables vars = new Variables(action, session);
        for (Rule rule : candidates) {
            if (rule.criteria().matches(action) && conditionHolds(rule, vars, null)) {
                tally.add(rule, policy.mode());
            }
        }
        return tally.decide(policy, action.kind());
    }

    /**
     * The matching rules that change session state ({@code labels}, {@code count}), for a decision
     * taken elsewhere (a central decision point); a local decision carries them already
     * ({@link Decision#sessionEffects()}). Only such rules are scanned.
     */
    public List<Rule> sessionEffects(Action action, Map<String, Object> session) {
        List<Rule> stateful = statefulByKind.get(action.kind());
        if (stateful.isEmpty()) {
            return List.of();
        }
        List<Rule> out = new ArrayList<>(2);
        Variables vars = new Variables(action, session);
        for (Rule rule : stateful) {
            if (rule.criteria().matches(action) && conditionHolds(rule, vars, null)) {
                out.add(rule);
            }
        }
        return out;
    }

    /** The decision plus, for every rule of the action's kind, whether it matched and why not. */
    public Explanation explain(Action action, Map<String, Object> session) {
        List<RuleVerdict> verdicts = new ArrayList<>();
        Tally tally = new Tally();
        Variables vars = new Variables(action, session);
        for (Rule rule : rulesByKind.get(action.kind())) {
            String mismatch = rule.criteria().mismatch(action, true);
            if (mismatch != null) {
                verdicts.add(new RuleVerdict(rule, false, mismatch));
                continue;
            }
            String[] why = new String[1];
            boolean holds = conditionHolds(rule, vars, why);
            verdicts.add(new RuleVerdict(rule, holds, why[0]));
            if (holds) {
                tally.add(rule, policy.mode());
            }
        }
        return new Explanation(tally.decide(policy, action.kind()), verdicts);
    }

    public Explanation explain(Action action) {
        return explain(action, Map.of());
    }

    /**
     * A condition that fails at run time counts against the action: a deny rule then matches and
     * any other rule does not, so an error never opens anything.
     */
    private static boolean conditionHolds(Rule rule, Variables vars, String[] why) {
        if (rule.condition() == null) {
            return true;
        }
        try {
            boolean holds = rule.condition().test(vars.get(rule.condition().references()));
            if (why != null && !holds) {
                why[0] = "condition is false: " + rule.condition().source();
            }
            return holds;
        } catch (CelEvaluationException | RuntimeException e) {
            if (why != null) {
                why[0] = "condition failed (" + e.getMessage() + "); counted "
                        + (rule.effect() == Effect.DENY ? "as a match" : "as no match");
            }
            return rule.effect() == Effect.DENY;
        }
    }

    /**
     * The CEL variables of one decision, built piece by piece as conditions need them: most
     * decisions evaluate no condition, and most conditions read a few plain attributes, so
     * argument parsing, intent inference, session facts and the context map are computed only for
     * a condition that reads them, and at most once per decision.
     */
    private static final class Variables {
        private final Action action;
        private final Map<String, Object> session;
        private Map<String, Object> attributes;
        private Map<String, Object> variables;
        private boolean args;
        private boolean intent;
        private boolean facts;
        private Map<String, Object> state;

        Variables(Action action, Map<String, Object> session) {
            this.action = action;
            this.session = session;
        }

        Map<String, Object> get(ConditionReferences refs) {
            if (variables == null) {
                attributes = new HashMap<>(action.attributes());
                attributes.put("kind", action.kind().key());
                variables = new HashMap<>(4);
                variables.put("action", attributes);
            }
            if (!args && action instanceof ToolCall t && (refs.readsAction("args") || refs.readsAction("targets")
                    || refs.readsAction("inScope"))) {
                attributes.put("args", ToolArguments.parse(t.arguments()));
                args = true;
            }
            if (!intent && (refs.readsAction("intent") || refs.readsAction("statement") || refs.readsAction("shell"))) {
                attributes.putAll(IntentInference.infer(action));
                intent = true;
            }
            if (!facts && (refs.readsAction("targets") || refs.readsAction("inScope")
                    || refs.readsAction("carriesSensitive"))) {
                attributes.putAll(SessionFacts.of(action, state()));
                facts = true;
            }
            if (refs.context() && !variables.containsKey("context")) {
                variables.put("context", action.context().toMap());
            }
            if (refs.session() && !variables.containsKey("session")) {
                variables.put("session", CelValues.normalize(state()));
            }
            return variables;
        }

        /** The session state with every key present, so conditions never fail on a missing one. */
        private Map<String, Object> state() {
            if (state == null) {
                if (session.keySet().containsAll(Session.emptyState().keySet())) {
                    state = session;
                } else {
                    state = new HashMap<>(Session.emptyState());
                    state.putAll(session);
                }
            }
            return state;
        }
    }

    /**
     * Matching rules sorted by effect and mode; turns them into a decision. Lists are created
     * only for effects that occur, so a typical decision allocates one or two small lists.
     */
    private static final class Tally {
        private List<Rule> enforcedDenies;
        private List<Rule> observedDenies;
        private List<Rule> allows;
        private List<Rule> enforcedRedacts;
        private List<Rule> observedRedacts;
        private List<Rule> logs;
        private List<Rule> enforcedApprovals;
        private List<Rule> observedApprovals;
        private List<Rule> sessionEffects;

        void add(Rule rule, Mode policyMode) {
            if (rule.changesSession()) {
                sessionEffects = addOnce(sessionEffects, rule);
            }
            boolean enforce = rule.effectiveMode(policyMode) == Mode.ENFORCE;
            switch (rule.effect()) {
                case DENY -> {
                    if (enforce) {
                        enforcedDenies = addOnce(enforcedDenies, rule);
                    } else {
                        observedDenies = addOnce(observedDenies, rule);
                    }
                }
                case ALLOW -> allows = addOnce(allows, rule);
                case REDACT -> {
                    if (enforce) {
                        enforcedRedacts = addOnce(enforcedRedacts, rule);
                    } else {
                        observedRedacts = addOnce(observedRedacts, rule);
                    }
                }
                case LOG -> logs = addOnce(logs, rule);
                case APPROVE -> {
                    if (enforce) {
                        enforcedApprovals = addOnce(enforcedApprovals, rule);
                    } else {
                        observedApprovals = addOnce(observedApprovals, rule);
                    }
                }
            }
        }

        /** Indexes may offer a rule more than once (one entry per matching pattern); it counts once. */
        private static List<Rule> addOnce(List<Rule> list, Rule rule) {
            if (list == null) {
                list = new ArrayList<>(2);
            } else {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) == rule) {
                        return list;
                    }
                }
            }
            list.add(rule);
            return list;
        }

        Decision decide(Policy policy, ActionKind kind) {
            Decision d = decideEffect(policy, kind);
            return sessionEffects == null ? d : new Decision(d.effect(), d.enforced(), d.mode(), d.rules(),
                    d.redactions(), d.policyRevision(), d.defaulted(), d.auditRedactions(), sessionEffects);
        }

        private Decision decideEffect(Policy policy, ActionKind kind) {
            List<String> redactions = detectors(enforcedRedacts, null);
            List<String> auditRedactions = detectors(observedRedacts, redactions);
            String revision = policy.revision();
            Mode mode = policy.mode();
            if (enforcedDenies != null || observedDenies != null) {
                List<Rule> rules = concat(enforcedDenies, observedDenies, null, null);
                return new Decision(Effect.DENY, enforcedDenies != null, mode, rules, redactions, revision, false,
                        auditRedactions);
            }
            if (enforcedApprovals != null || observedApprovals != null) {
                // An approval grants once a person says yes, so it stands even where the default denies.
                return new Decision(Effect.APPROVE, enforcedApprovals != null, mode,
                        concat(enforcedApprovals, observedApprovals, null, null), redactions, revision, false,
                        auditRedactions);
            }
            if (allows == null && policy.defaultFor(kind) == Effect.DENY) {
                return new Decision(Effect.DENY, mode == Mode.ENFORCE, mode, List.of(), redactions, revision, true,
                        auditRedactions);
            }
            if (enforcedRedacts != null || observedRedacts != null) {
                return new Decision(Effect.REDACT, enforcedRedacts != null, mode,
                        concat(enforcedRedacts, observedRedacts, allows, logs), redactions, revision, false,
                        auditRedactions);
            }
            if (logs != null) {
                return new Decision(Effect.LOG, true, mode, concat(logs, allows, null, null), redactions, revision,
                        false, auditRedactions);
            }
            List<Rule> rules = allows == null ? List.of() : allows;
            return new Decision(Effect.ALLOW, true, mode, rules, redactions, revision, allows == null,
                    auditRedactions);
        }

        private static List<Rule> concat(List<Rule> a, List<Rule> b, List<Rule> c, List<Rule> d) {
            List<Rule> out = new ArrayList<>();
            for (List<Rule> part : List.of(nonNull(a), nonNull(b), nonNull(c), nonNull(d))) {
                out.addAll(part);
            }
            return out;
        }

        private static List<Rule> nonNull(List<Rule> list) {
            return list == null ? List.of() : list;
        }

        /** The detector ids of {@code rules} appended to {@code base}, each once. */
        private static List<String> detectors(List<Rule> rules, List<String> base) {
            if (rules == null) {
                return base == null ? List.of() : base;
            }
            List<String> out = base == null ? new ArrayList<>() : new ArrayList<>(base);
            for (Rule r : rules) {
                for (String d : r.redaction().detectors()) {
                    if (!out.contains(d)) {
                        out.add(d);
                    }
                }
            }
            return out;
        }
    }
}
