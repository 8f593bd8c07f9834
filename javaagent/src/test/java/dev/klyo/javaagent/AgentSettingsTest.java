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

        AgentSettings s = AgentSettings.resolve("mode=observe", props, env);

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
        AgentSettings s = AgentSettings.resolve("policy=", Map.of("klyo.policy", "/p.yaml"), Map.of());
        assertThat(s.get("policy")).isEqualTo("/p.yaml");
        assertThat(s.flag("debug")).isFalse();
    }

    @Test
    void centralKeysTakeTheAgentSpellingOrTheCamelCaseOneThroughAllThreeSources() {
        Map<String, String> props = Map.of("klyo.pollInterval", "5s", "klyo.audit.url", "http://127.0.0.1:1/v1/audit",
                "klyo.team.Payments", "/payments.yaml", "klyo.unrelated.thing", "x");
        Map<String, String> env = Map.of("KLYO_POLICY_URL", "http://127.0.0.1:2/env.json", "KLYO_POLL_INTERVAL", "9s",
                "KLYO_TEAM_OPS", "/ops.yaml", "KLYO_BUNDLE_CACHE", "/cache.json");

        AgentSettings s = AgentSettings.resolve("policyUrl=http://127.0.0.1:3/b.json,public.key=/a.pub;/b.pub,mode=observe",
                props, env);

        assertThat(s.central()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "policyUrl", "http://127.0.0.1:3/b.json",
                "publicKey", "/a.pub,/b.pub",
                "pollInterval", "5s",
                "auditUrl", "http://127.0.0.1:1/v1/audit",
                "bundleCache", "/cache.json",
                "team.Payments", "/payments.yaml",
                "team.ops", "/ops.yaml",
                "mode", "observe"));
        assertThat(s.teams()).containsExactly("team.Payments", "team.ops");
    }

    @Test
    void withoutCentralKeysTheCentralMapIsEmpty() {
        assertThat(AgentSettings.resolve("policy=/p.yaml,mode=observe", Map.of(), Map.of()).central()).isEmpty();
    }

    @Test
    void bothSpellingsOfOneArgumentMustAgree() {
        assertThatThrownBy(() -> AgentSettings.parseArgs("policyUrl=http://a/x,policy.url=http://b/x"))
                .hasMessageContaining("'policy.url' is given twice");
        assertThat(AgentSettings.parseArgs("auditRotateKeep=3")).containsEntry("audit.rotate.keep", "3");
        assertThat(AgentSettings.centralName("audit.rotate.keep")).isEqualTo("auditRotateKeep");
        assertThat(AgentSettings.centralName("team.My.Group")).isEqualTo("team.My.Group");
    }
}
