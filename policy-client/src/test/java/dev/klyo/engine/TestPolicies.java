package dev.klyo.engine;

import dev.klyo.policy.Policy;
import dev.klyo.policy.PolicyException;
import dev.klyo.policy.PolicyLoader;
import java.util.Map;

/** Loads test policies with a fixed environment, so {@code ~} and {@code ${VAR}} expand the same everywhere. */
public final class TestPolicies {

    public static final Map<String, String> ENV = Map.of("HOME", "/home/agent", "WORK", "/srv/work");

    private TestPolicies() {
    }

    public static PolicyLoader loader() {
        return new PolicyLoader(ENV::get);
    }

    public static Policy policy(String yaml) {
        try {
            return loader().parse(yaml, "test.yaml");
        } catch (PolicyException e) {
            throw new AssertionError("policy should load:\n" + e.getMessage(), e);
        }
    }

    public static PolicyEngine engine(String yaml) {
        return new PolicyEngine(policy(yaml));
    }
}
