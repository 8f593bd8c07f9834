package dev.klyo.intent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.action.AgentContext;
import dev.klyo.action.FileAccess;
import dev.klyo.action.FileOperation;
import dev.klyo.action.HttpRequest;
import dev.klyo.action.ToolCall;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntentInferenceTest {

    @Test
    void httpMethodsCarryTheirSemantics() {
        assertThat(IntentInference.infer(HttpRequest.of("GET", "https://x.example/")).get("intent")).isEqualTo("read");
        assertThat(IntentInference.infer(HttpRequest.of("POST", "https://x.example/")).get("intent")).isEqualTo("write");
        assertThat(IntentInference.infer(HttpRequest.of("DELETE", "https://x.example/1")).get("intent"))
                .isEqualTo("destructive");
    }

    @Test
    void fileDeletionIsDestructive() {
        assertThat(IntentInference.infer(FileAccess.of("/tmp/a", FileOperation.DELETE)).get("intent"))
                .isEqualTo("destructive");
        assertThat(IntentInference.infer(FileAccess.of("/tmp/a", FileOperation.LIST)).get("intent")).isEqualTo("read");
    }

    @Test
    void mcpHintsWinOverTheToolName() {
        ToolCall hinted = new ToolCall(AgentContext.ANONYMOUS, "get_everything", "srv", "{}",
                Map.of("destructiveHint", true));
        assertThat(IntentInference.infer(hinted).get("intent")).isEqualTo("destructive");
        ToolCall readOnly = new ToolCall(AgentContext.ANONYMOUS, "delete_nothing", "srv", "{}",
                Map.of("readOnlyHint", true));
        assertThat(IntentInference.infer(readOnly).get("intent")).isEqualTo("read");
    }

    @Test
    void toolNamesWithoutHintsAreJudgedByTheirVerb() {
        assertThat(IntentInference.infer(ToolCall.of("list_files", "{}")).get("intent")).isEqualTo("read");
        assertThat(IntentInference.infer(ToolCall.of("deleteFile", "{}")).get("intent")).isEqualTo("destructive");
        assertThat(IntentInference.infer(ToolCall.of("send_money", "{}")).get("intent")).isEqualTo("write");
    }

    @Test
    void sqlInToolArgumentsIsParsedAndRaisesTheIntent() {
        Map<String, Object> attrs = IntentInference.infer(ToolCall.of("run_query", "{\"sql\":\"DROP TABLE users\"}"));
        assertThat(attrs.get("intent")).isEqualTo("destructive");
        assertThat(attrs.get("statement")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("type", "drop").containsEntry("ddl", true);
        Map<String, Object> read = IntentInference.infer(ToolCall.of("run_query", "{\"query\":\"SELECT * FROM t\"}"));
        assertThat(read.get("intent")).isEqualTo("read");
    }
}
