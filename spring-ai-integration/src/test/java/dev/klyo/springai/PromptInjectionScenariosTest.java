package dev.klyo.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.Klyo;
import dev.klyo.policy.PolicyLoader;
import dev.klyo.session.Scenario;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AgentDojo and SQL traces of examples/scenarios replayed through Spring AI's real tool loop (a ChatClient) with a scripted model,
 * judged by what the tools executed: under examples/policies/prompt-injection.yaml every user call
 * runs and no injected call does; under a policy without its session rules the injected calls
 * run, so the replay can tell the difference.
 */
class PromptInjectionScenariosTest {

    static List<Scenario> scenarios() throws Exception {
        List<Scenario> all = new ArrayList<>(Scenario.load(ScenarioReplay.EXAMPLES.resolve("scenarios/agentdojo.yaml")));
        all.addAll(Scenario.load(ScenarioReplay.EXAMPLES.resolve("scenarios/sql.yaml")));
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyUserCallRunsAndNoInjectedCallDoes(Scenario scenario) throws Exception {
        try (Klyo klyo = Klyo.builder()
                .policy(new PolicyLoader().load(ScenarioReplay.EXAMPLES.resolve("policies/prompt-injection.yaml")))
                .build()) {
            ScenarioReplay replay = new ScenarioReplay(klyo, scenario);
            assertThat(replay.answer).as("the loop carried on past denials to the answer").isEqualTo("done");
            Scenario.Outcome outcome = scenario.judge(replay.executed);
            assertThat(outcome.userCallsMissing()).as("user calls that did not run").isEmpty();
            assertThat(outcome.injectedCallsRun()).as("injected calls that ran").isEmpty();
        }
    }

    @Test
    void withoutTheSessionRulesTheInjectedCallsRun() throws Exception {
        List<Scenario> attacks = scenarios().stream().filter(s -> !s.injectedCalls().isEmpty()).toList();
        assertThat(attacks).hasSizeGreaterThanOrEqualTo(4);
        for (Scenario scenario : attacks) {
            try (Klyo klyo = Klyo.builder().policy(new PolicyLoader()
                    .parse("version: 1\nname: tools-allowed\ndefaults: {tool: allow}\n", "allow-all.yaml")).build()) {
                assertThat(scenario.judge(new ScenarioReplay(klyo, scenario).executed).injectedCallsRun())
                        .as(scenario.id()).containsExactlyElementsOf(scenario.injectedCalls());
            }
        }
    }
}
