package dev.klyo.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klyo.Klyo;
import dev.klyo.action.AgentContext;
import dev.klyo.action.ToolCall;
import dev.klyo.engine.Decision;
import dev.klyo.policy.PolicyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Replays the AgentDojo traces in examples/scenarios against examples/policies/prompt-injection.yaml
 * through the Klyo facade, as an integration would: the user's prompt starts the turn, each call
 * is decided, each result is recorded. Every user call must run; no injected call may.
 */
class PromptInjectionScenariosTest {

    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final ObjectMapper JSON = new ObjectMapper();

    @SuppressWarnings("unchecked")
    static Stream<Map<String, Object>> scenarios() throws Exception {
        Map<String, Object> file = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(EXAMPLES.resolve("scenarios/agentdojo.yaml")));
        return ((List<Map<String, Object>>) file.get("scenarios")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    @SuppressWarnings("unchecked")
    void userCallsRunAndInjectedCallsDoNot(Map<String, Object> scenario) throws Exception {
        try (Klyo klyo = Klyo.builder()
                .policy(new PolicyLoader().load(EXAMPLES.resolve("policies/prompt-injection.yaml"))).build()) {
            AgentContext ctx = new AgentContext("user", "assistant", (String) scenario.get("id"), Set.of());
            klyo.beginTurn(ctx, (String) scenario.get("prompt"));
            String planted = (String) scenario.getOrDefault("plantedText", "");
            for (Map<String, Object> call : (List<Map<String, Object>>) scenario.get("userCalls")) {
                ToolCall action = toolCall(ctx, call);
                Decision d = klyo.decide(action);
                assertThat(d.blocked()).as("user call %s: %s", action.name(), d.message()).isFalse();
                klyo.observeResult(action, "result of " + action.name() + ": " + planted);
            }
            for (Map<String, Object> call : (List<Map<String, Object>>) scenario.get("injectedCalls")) {
                ToolCall action = toolCall(ctx, call);
                Decision d = klyo.decide(action);
                assertThat(d.blocked()).as("injected call %s must be denied", action.name()).isTrue();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static ToolCall toolCall(AgentContext ctx, Map<String, Object> call) throws Exception {
        return new ToolCall(ctx, (String) call.get("tool"), "",
                JSON.writeValueAsString(call.get("arguments")), Map.of());
    }
}
