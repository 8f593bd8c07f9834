package dev.klyo.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActionJsonTest {

    private static final AgentContext CTX = new AgentContext("alice", "bot", "s-1", Set.of("staff"));

    @Test
    void everyKindSurvivesARoundTrip() {
        List<Action> actions = List.of(
                new HttpRequest(CTX, "POST", URI.create("https://api.example.com/v1?q=1"),
                        Map.of("Accept", List.of("application/json")), HttpBody.of("{\"a\":1}")),
                new NetworkConnect(CTX, "db.example.com", "10.0.0.5", 5432, NetworkConnect.Protocol.TCP),
                new DnsLookup(CTX, "example.com"),
                new FileAccess(CTX, "/srv/data/a.csv", FileOperation.WRITE),
                new ProcessStart(CTX, List.of("/bin/bash", "-c", "id"), "/tmp"),
                new SqlStatement(CTX, "select 1", "jdbc:h2:mem:x"),
                new ToolCall(CTX, "search", "github", "{\"q\":\"x\"}", Map.of("readOnlyHint", true)),
                new ModelExchange(CTX, ModelExchange.Direction.RESPONSE, "gpt", "hello"));
        for (Action action : actions) {
            Action back = ActionJson.parse(ActionJson.toJson(action));
            assertThat(back).as(action.kind().key()).isEqualTo(action);
        }
    }

    @Test
    void yamlAndShorthandsAreAccepted() {
        Action a = ActionJson.parse("kind: process\ncommand: curl -s https://x.example\n");
        assertThat(((ProcessStart) a).command()).containsExactly("curl", "-s", "https://x.example");
        ToolCall t = (ToolCall) ActionJson.parse("{kind: tool, name: pay, arguments: {amount: 5}}");
        assertThat(t.arguments()).isEqualTo("{\"amount\":5}");
        NetworkConnect n = (NetworkConnect) ActionJson.parse("{kind: network, host: x.example, port: \"443\"}");
        assertThat(n.port()).isEqualTo(443);
        assertThat(n.protocol()).isEqualTo(NetworkConnect.Protocol.TCP);
        assertThat(ActionJson.parse("{kind: HTTP, url: 'http://x.example/'}").kind()).isEqualTo(ActionKind.HTTP);
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> ActionJson.parse("{kind: file, path: /x}"))
                .hasMessage("a file action needs 'operation'");
        assertThatThrownBy(() -> ActionJson.parse("{kind: file, path: /x, operation: exec}"))
                .hasMessageContaining("'operation' is 'exec'; use one of read, write");
        assertThatThrownBy(() -> ActionJson.parse("{kind: network, host: x, port: 70000}"))
                .hasMessageContaining("use a number from 0 to 65535");
        assertThatThrownBy(() -> ActionJson.parse("{kind: smtp}")).hasMessageContaining("unknown kind 'smtp'");
        assertThatThrownBy(() -> ActionJson.parse("{kind: dns, host: x, context: {user: bob}}"))
                .hasMessageContaining("unknown key 'user' in 'context'");
        assertThatThrownBy(() -> ActionJson.parse("[1, 2]")).hasMessageContaining("an action is an object");
    }
}
