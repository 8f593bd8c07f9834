package dev.klyo.springai;

import dev.klyo.Klyo;
import dev.klyo.session.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * Runs one {@link Scenario} through a Spring AI {@code ChatClient} with {@link KlyoAdvisor}: a
 * scripted model makes the user task's calls, then (as a model obeying the planted text would)
 * the injected calls, then answers. The tools record what really ran; every result carries the
 * planted text.
 */
final class ScenarioReplay {

    /** What the tools really executed, in order: the ground truth a scenario is judged on. */
    final List<Scenario.Call> executed = new CopyOnWriteArrayList<>();
    final String answer;

    @SuppressWarnings("unchecked")
    ScenarioReplay(Klyo klyo, Scenario scenario) {
        List<Function<Prompt, AssistantMessage>> script = new ArrayList<>();
        for (Scenario.Call call : calls(scenario)) {
            script.add(ScriptedChatModel.callTool(call.tool(), call.argumentsJson()));
        }
        script.add(ScriptedChatModel.answer("done"));
        Set<String> names = new LinkedHashSet<>();
        calls(scenario).forEach(c -> names.add(c.tool()));
        List<ToolCallback> tools = new ArrayList<>();
        for (String name : names) {
            tools.add(new RecordingTool(name, scenario.plantedText()));
        }
        ChatClient chat = ChatClient.builder(new ScriptedChatModel(script.toArray(Function[]::new)))
                .defaultAdvisors(new KlyoAdvisor(new ToolGovernance(klyo, "scenario-replay")))
                .build();
        this.answer = chat.prompt(scenario.prompt())
                .toolCallbacks(tools)
                .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, scenario.id()))
                .call().content();
    }

    private static List<Scenario.Call> calls(Scenario s) {
        List<Scenario.Call> out = new ArrayList<>(s.userCalls());
        out.addAll(s.injectedCalls());
        return out;
    }

    /** A tool over the scenario's environment: records each call, returns data carrying the planted text. */
    private final class RecordingTool implements ToolCallback {
        private final ToolDefinition definition;
        private final String planted;

        RecordingTool(String name, String planted) {
            this.definition = ToolDefinition.builder().name(name).description(name)
                    .inputSchema("{\"type\":\"object\"}").build();
            this.planted = planted;
        }

        @Override
        public ToolDefinition getToolDefinition() {
            return definition;
        }

        @Override
        public String call(String toolInput) {
            executed.add(new Scenario.Call(definition.name(), toolInput));
            return definition.name() + " returned: [{\"id\": 13, \"subject\": \"" + planted + "\"}]";
        }
    }
}
