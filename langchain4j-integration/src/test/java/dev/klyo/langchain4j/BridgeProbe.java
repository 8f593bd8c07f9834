package dev.klyo.langchain4j;

import static dev.klyo.langchain4j.ScriptedChatModel.call;
import static dev.klyo.langchain4j.ScriptedChatModel.callTools;

import dev.klyo.AgentBridge;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.service.tool.ToolExecutor;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs in a JVM whose bootstrap class path holds a stand-in for the javaagent's ToolCallScope,
 * and prints what the tools saw: whether the agent's scope was active while each tool ran.
 */
public final class BridgeProbe {

    private BridgeProbe() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> scope = Class.forName(AgentBridgeTest.SCOPE, false, null);
        Method active = scope.getMethod("active");
        List<String> seen = new CopyOnWriteArrayList<>();
        Map<ToolSpecification, ToolExecutor> tools = new LinkedHashMap<>();
        for (String name : List.of("get_order", "delete_order")) {
            tools.put(ToolSpecification.builder().name(name).build(), (request, memoryId) -> {
                try {
                    seen.add(name + " active=" + active.invoke(null));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                return "done";
            });
        }
        try (Harness h = Harness.of(Path.of(args[0]), ToolRegistrationPathsTest.POLICY)) {
            ScriptedChatModel model = new ScriptedChatModel(
                    callTools(call("c1", "get_order", "{}"), call("c2", "delete_order", "{}")), AiMessage.from("ok"));
            Assistant assistant = h.assistant(model, b -> b.tools(tools));
            assistant.chat("s-1", "go");
        }
        System.out.println("agentAttached=" + AgentBridge.agentAttached());
        System.out.println("seen=" + seen);
        System.out.println("enters=" + scope.getMethod("enters").invoke(null));
        System.out.println("activeAfter=" + active.invoke(null));
    }
}
