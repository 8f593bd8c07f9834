package dev.klyo.layers;

import dev.klyo.action.Action;
import dev.klyo.central.DecisionPoint;
import dev.klyo.central.PolicySet;
import dev.klyo.engine.Decision;
import dev.klyo.engine.PolicyEngine;
import dev.klyo.policy.Effect;
import dev.klyo.policy.Policy;
import dev.klyo.policy.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides with the org policy plus the team policies of every group the principal belongs to.
 * Each layer decides on its own; then, across layers:
 * <ol>
 *   <li>a deny rule that matches in any layer denies (enforced if any such deny is enforced);</li>
 *   <li>otherwise an allow rule that matches in any layer allows, with the redactions and log
 *       flags of every allowing layer;</li>
 *   <li>otherwise (no layer has a matching allow or deny rule) defaults decide, and a deny
 *       default in any of the principal's layers denies.</li>
 * </ol>
 * So a team can add denies and open what the org leaves to defaults, but nothing a team writes
 * lifts a deny rule of the org. Immutable: a new policy set means a new instance.
 */
public final class LayeredDecisionPoint implements DecisionPoint {

    private final PolicyEngine org;
    private final Map<String, PolicyEngine> teams;
    private final String revision;

    public LayeredDecisionPoint(PolicySet set) {
        this.org = new PolicyEngine(set.policy());
        Map<String, PolicyEngine> engines = new LinkedHashMap<>();
        set.teams().forEach((group, policy) -> engines.put(group, new PolicyEngine(scoped(group, policy))));
        this.teams = Map.copyOf(engines);
        this.revision = set.revision();
    }

    /** Team rule ids become {@code <group>/<id>}, so the audit log says which layer decided. */
    private static Policy scoped(String group, Policy p) {
        List<Rule> rules = new ArrayList<>(p.rules().size());
        for (Rule r : p.rules()) {
            rules.add(new Rule(group + "/" + r.id(), r.description(), r.effect(), r.mode(), r.criteria(),
                    r.condition(), r.message(), r.redaction(), r.location()));
        }
        return new Policy(p.name(), p.revision(), p.mode(), p.defaults(), rules, p.detectors(), p.source());
    }

    @Override
    public Decision decide(Action action, Map<String, Object> session) {
        List<Decision> layers = new ArrayList<>(1 + teams.size());
        layers.add(org.decide(action, session));
        for (String group : action.context().groups()) {
            PolicyEngine team = teams.get(group);
            if (team != null) {
                layers.add(team.decide(action, session));
            }
        }
        return layers.size() == 1 ? relabel(layers.get(0)) : combine(layers);
    }

    private Decision combine(List<Decision> layers) {
        Decision org = layers.get(0);
        // Whatever any layer calls sensitive stays out of the audit record, whichever layer decides.
        List<String> audit = new ArrayList<>();
        for (Decision d : layers) {
            addAll(audit, d.auditRedactions());
        }
        List<Rule> enforcedDenies = new ArrayList<>();
        List<Rule> observedDenies = new ArrayList<>();
        boolean granted = false;
        for (Decision d : layers) {
            if (d.effect() == Effect.DENY && !d.defaulted()) {
                (d.enforced() ? enforcedDenies : observedDenies).addAll(d.rules());
            } else if (d.effect() != Effect.DENY && d.rules().stream().anyMatch(r -> r.effect() == Effect.ALLOW)) {
                granted = true;
            }
        }
        if (!enforcedDenies.isEmpty() || !observedDenies.isEmpty()) {
            List<Rule> rules = new ArrayList<>(enforcedDenies);
            rules.addAll(observedDenies);
            return new Decision(Effect.DENY, !enforcedDenies.isEmpty(), org.mode(), rules, List.of(), revision, false,
                    audit);
        }
        if (!granted) {
            boolean denied = false;
            boolean enforced = false;
            for (Decision d : layers) {
                if (d.effect() == Effect.DENY) {
                    denied = true;
                    enforced |= d.enforced();
                }
            }
            if (denied) {
                return new Decision(Effect.DENY, enforced, org.mode(), List.of(), List.of(), revision, true, audit);
            }
        }
        return allowing(layers, org, audit);
    }

    /** Merges the allowing layers: redact beats log beats allow, as within one policy. */
    private Decision allowing(List<Decision> layers, Decision org, List<String> audit) {
        List<Rule> rules = new ArrayList<>();
        List<String> redactions = new ArrayList<>();
        boolean redact = false;
        boolean redactEnforced = false;
        boolean log = false;
        for (Decision d : layers) {
            if (d.effect() == Effect.DENY) {
                continue;
            }
            rules.addAll(d.rules());
            addAll(redactions, d.redactions());
            redact |= d.effect() == Effect.REDACT;
            redactEnforced |= d.effect() == Effect.REDACT && d.enforced();
            log |= d.effect() == Effect.LOG;
        }
        Effect effect = redact ? Effect.REDACT : log ? Effect.LOG : Effect.ALLOW;
        boolean enforced = effect != Effect.REDACT || redactEnforced;
        return new Decision(effect, enforced, org.mode(), rules, redactions, revision, rules.isEmpty(), audit);
    }

    private static void addAll(List<String> into, List<String> ids) {
        for (String id : ids) {
            if (!into.contains(id)) {
                into.add(id);
            }
        }
    }

    private Decision relabel(Decision d) {
        return new Decision(d.effect(), d.enforced(), d.mode(), d.rules(), d.redactions(), revision, d.defaulted(),
                d.auditRedactions());
    }
}
