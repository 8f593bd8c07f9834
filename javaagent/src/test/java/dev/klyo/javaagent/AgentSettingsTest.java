package dev.klyo.javaagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentSettingsTest {

    @Test
    void agentArgumentsBeatSystemPropertiesWhichBeatEnvironment() {
        Map<String, String> props = Map.of("klyo.policy", "/props.yaml", "klyo.mode", "enforce", "klyo.audit", "/a.jsonl");
        Map<String, String> env = Map.of("KLYO_POLICY", "/env.yaml", "KLYO_MODE", "enforce", "KLYO_AUDIT", "/env.jsonl",
                "KLYO_AGENT_ID", "agent-7");

        AgentSettings s = AgentSettings.resolve("mode=observe", props::get, env::get);

        assertThat(s.get("mode")).isEqualTo("observe");
        assertThat(s.get("policy")).isEqualTo("/props.yaml");
        assertThat(s.get("audit")).isEqualTo("/a.jsonl");
        assertThat(s.get("agent.id")).isEqualTo("agent-7");
    }

    @Test
    void environmentNamesFollowTheKeys() {
        assertThat(AgentSettings.envName("fail.open")).isEqualTo("KLYO_FAIL_OPEN");
        assertThat(AgentSettings.envName("policy")).isEqualTo("KLYO_POLICY");
    }

    @Test
    void unknownOrMalformedAgentArgumentsAreErrors() {
        assertThatThrownBy(() -> AgentSettings.parseArgs("polcy=x.yaml"))
                .hasMessageContaining("unknown agent argument 'polcy'");
        assertThatThrownBy(() -> AgentSettings.parseArgs("observe")).hasMessageContaining("not key=value");
    }

    @Test
    void blankValuesFallThroughToTheNextSource() {
        AgentSettings s = AgentSettings.resolve("policy=", k -> k.equals("klyo.policy") ? "/p.yaml" : null, k -> null);
        assertThat(s.get("policy")).isEqualTo("/p.yaml");
        assertThat(s.flag("debug")).isFalse();
    }
}
