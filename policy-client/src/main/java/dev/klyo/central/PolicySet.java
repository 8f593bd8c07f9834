package dev.klyo.central;

import dev.klyo.policy.Policy;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a policy source delivers: the org policy, whose rules and defaults bind everyone, and team
 * policies keyed by the group whose members they apply to. Immutable, applied as one unit.
 *
 * @param revision the bundle's revision as its author named it, or the org policy's revision
 */
public record PolicySet(Policy policy, Map<String, Policy> teams, String revision) {

    public PolicySet {
        teams = Map.copyOf(teams);
    }

    public static PolicySet of(Policy policy) {
        return new PolicySet(policy, Map.of(), policy.revision());
    }

    public boolean layered() {
        return !teams.isEmpty();
    }

    /** Every policy's revision, for audit events and status pages: {@code org@…, team:payments=…@…}. */
    public String describe() {
        StringBuilder b = new StringBuilder(policy.revision());
        new TreeMap<>(teams).forEach((group, p) -> b.append(", ").append(group).append('=').append(p.revision()));
        return b.toString();
    }
}
