package dev.klyo.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.Klyo;
import dev.klyo.policy.PolicyLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AgentDojo and SQL traces of examples/scenarios, replayed through a framework's real tool
 * loop with a scripted model and judged by what the tools executed: under
 * examples/policies/prompt-injection.yaml every user call runs and no injected call does; under a
 * policy without its session rules the injected calls run, so the replay can tell the difference.
 * Each framework integration extends this with its own loop, so both are held to the same traces.
 */
public abstract class PromptInjectionScenariosContract {

    public static final Path EXAMPLES = Path.of("..", "examples");

    /** What one replay produced: the loop's final answer and, in order, the tool calls that really ran. */
    public record Replay(String answer, List<Scenario.Call> executed) {
    }

    /**
     * Runs the scenario through the framework's tool loop governed by {@code klyo}: the model
     * makes the scenario's calls (user calls, then injected ones, continuing past denials) and
     * answers {@code done}; the session id is the scenario's id.
     */
    protected abstract Replay replay(Klyo klyo, Scenario scenario) throws Exception;

    static List<Scenario> scenarios() throws Exception {
        List<Scenario> all = new ArrayList<>(Scenario.load(EXAMPLES.resolve("scenarios/agentdojo.yaml")));
        all.addAll(Scenario.load(EXAMPLES.resolve("scenarios/sql.yaml")));
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyUserCallRunsAndNoInjectedCallDoes(Scenario scenario) throws Exception {
        try (Klyo klyo = Klyo.builder()
                .policy(new PolicyLoader().load(EXAMPLES.resolve("policies/prompt-injection.yaml")))
                .build()) {
            Replay replay = replay(klyo, scenario);
            assertThat(replay.answer()).as("the loop carried on past denials to the answer").isEqualTo("done");
            Scenario.Outcome outcome = scenario.judge(replay.executed());
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
                assertThat(scenario.judge(replay(klyo, scenario).executed()).injectedCallsRun())
                        .as(scenario.id()).containsExactlyElementsOf(scenario.injectedCalls());
            }
        }
    }
}
