package dev.klyo.langchain4j;

import dev.klyo.Klyo;
import dev.klyo.session.Scenario;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.service.tool.ToolExecutor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs one {@link Scenario} through a governed LangChain4j AI service: a scripted model makes the
 * user task's calls, then (as a model obeying the planted text would) the injected calls, then
 * answers. The tools record what really ran; every user-call result carries the planted text.
 */
final class ScenarioReplay {

    /** What the tools really executed, in order: the ground truth a scenario is judged on. */
    final List<Scenario.Call> executed = new CopyOnWriteArrayList<>();
    final String answer;

    ScenarioReplay(Klyo klyo, Scenario scenario) {
        List<AiMessage> script = new ArrayList<>();
        int n = 0;
        for (Scenario.Call call : concat(scenario.userCalls(), scenario.injectedCalls())) {
            script.add(ScriptedChatModel.callTools(ScriptedChatModel.call("c" + n++, call.tool(), call.argumentsJson())));
        }
        script.add(AiMessage.from("done"));
        Map<ToolSpecification, ToolExecutor> tools = new LinkedHashMap<>();
        for (String name : toolNames(scenario)) {
            tools.put(ToolSpecification.builder().name(name).build(),
                    (ToolExecutionRequest request, Object memoryId) -> {
                        executed.add(new Scenario.Call(request.name(), request.arguments()));
                        return request.name() + " returned: [{\"id\": 13, \"subject\": \"" + scenario.plantedText()
                                + "\"}]";
                    });
        }
        Assistant assistant = KlyoLangChain4j.builder(Assistant.class, klyo)
                .chatModel(new ScriptedChatModel(script.toArray(AiMessage[]::new)))
                .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(50))
                .tools(tools)
                .build();
        this.answer = assistant.chat(scenario.id(), scenario.prompt());
    }

    private static Set<String> toolNames(Scenario s) {
        Set<String> names = new LinkedHashSet<>();
        concat(s.userCalls(), s.injectedCalls()).forEach(c -> names.add(c.tool()));
        return names;
    }

    private static List<Scenario.Call> concat(List<Scenario.Call> a, List<Scenario.Call> b) {
        List<Scenario.Call> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
