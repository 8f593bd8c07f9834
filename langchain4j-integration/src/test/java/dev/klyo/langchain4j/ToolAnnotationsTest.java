package dev.klyo.langchain4j;

import static dev.klyo.langchain4j.ScriptedChatModel.call;
import static dev.klyo.langchain4j.ScriptedChatModel.callTools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.service.tool.ToolExecutor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local tools carry the same hints as MCP tools: declared in the specification's metadata, or the
 * MCP defaults, so one annotation rule covers both and a tool that declares nothing is destructive.
 */
class ToolAnnotationsTest {

    static final String POLICY = """
            version: 1
            name: hints
            defaults: {tool: allow}
            rules:
              - id: no-destructive-tools
                effect: deny
                message: only tools that declare they destroy nothing may run
                match: {tool: {names: ["*"]}}
                when: 'action.annotations.destructiveHint'
            """;

    @TempDir
    Path dir;

    @Test
    void undeclaredLocalToolIsDestructiveAndDeclaredReadOnlyToolRuns() throws Exception {
        try (Harness h = Harness.of(dir, POLICY)) {
            List<String> executed = new CopyOnWriteArrayList<>();
            Map<ToolSpecification, ToolExecutor> tools = new LinkedHashMap<>();
            tools.put(ToolSpecification.builder().name("lookup").metadata(Map.of("readOnlyHint", true)).build(),
                    (r, m) -> {
                        executed.add("lookup");
                        return "found";
                    });
            tools.put(ToolSpecification.builder().name("purge").build(), (r, m) -> {
                executed.add("purge");
                return "purged";
            });
            ScriptedChatModel model = new ScriptedChatModel(
                    callTools(call("c1", "lookup", "{}"), call("c2", "purge", "{}")), AiMessage.from("done"));
            Assistant assistant = h.assistant(model, b -> b.tools(tools));

            assistant.chat("s-1", "tidy up");

            assertThat(executed).containsExactly("lookup");
            assertThat(model.toolResultIn(1, "purge").text()).contains("only tools that declare they destroy nothing");
        }
    }
}
