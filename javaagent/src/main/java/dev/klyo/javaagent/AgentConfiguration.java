package dev.klyo.javaagent;

import dev.klyo.policy.Mode;
import dev.klyo.policy.Policy;
import dev.klyo.policy.PolicyError;
import dev.klyo.policy.PolicyException;
import dev.klyo.policy.PolicyLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the agent was asked to do: its settings, the policy, the mode and the secrets file, read
 * and checked, with every problem found. Reading it touches nothing of the gate or the hooks, so
 * it runs beside the rest of start-up ({@link KlyoAgent}); reading the policy is most of the
 * agent's start-up time.
 *
 * @param policy  null when there are problems, or when central policy supplies it
 * @param problems empty when the agent can govern as configured; else the lines to report
 */
record AgentConfiguration(AgentSettings settings, Policy policy, Mode mode, Path policyFile, boolean central,
                          SecretBindings secrets, List<String> problems) {

    static AgentConfiguration read(AgentSettings settings) {
        boolean central = CentralStartup.requested(settings);
        Policy policy = null;
        List<String> problems = new ArrayList<>();
        String policySetting = settings.get("policy");
        Path policyFile = policySetting == null ? null : Path.of(policySetting).toAbsolutePath();
        if (central) {
            problems.addAll(CentralStartup.problems(settings));
        } else if (policyFile == null) {
            problems.add("no policy configured: set policy=PATH (agent argument), -Dklyo.policy or KLYO_POLICY,"
                    + " or policy.url/policy.file for central policy (docs/central-policy.md)");
        }
        if (policyFile != null) {
            try {
                policy = new PolicyLoader().load(policyFile);
            } catch (PolicyException e) {
                problems.add("policy " + policyFile + " is invalid:");
                for (PolicyError error : e.errors()) {
                    problems.add("  " + error);
                }
            } catch (IOException | RuntimeException e) {
                problems.add("cannot read policy " + policyFile + ": " + e);
            }
        }
        Mode mode = null;
        if (settings.get("mode") != null) {
            mode = Mode.fromKey(settings.get("mode"));
            if (mode == null) {
                problems.add("mode must be enforce or observe, not '" + settings.get("mode") + "'");
            }
        }
        SecretBindings secrets = SecretBindings.NONE;
        if (settings.get("secrets") != null) {
            Path secretsFile = Path.of(settings.get("secrets")).toAbsolutePath();
            try {
                secrets = SecretBindings.load(secretsFile, System::getenv,
                        policy == null ? id -> true : policy.detectors()::containsKey);
            } catch (PolicyException e) {
                // Whatever the mode: exfiltration rules are enforced in observe mode too, so
                // running without the file would open what it closes.
                problems.add("secrets file " + secretsFile + " is invalid:");
                e.errors().forEach(error -> problems.add("  " + error));
            }
        }
        return new AgentConfiguration(settings, policy, mode, policyFile, central, secrets, List.copyOf(problems));
    }

    /** Nothing usable: the agent reports {@code problem} and fails closed as {@code policy.error} says (default settings). */
    static AgentConfiguration failed(String problem) {
        return new AgentConfiguration(AgentSettings.resolve("", Map.of(), Map.of()), null, null, null, false,
                SecretBindings.NONE, List.of(problem));
    }
}
