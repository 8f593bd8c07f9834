package dev.klyo.springai;

import static dev.klyo.springai.ScriptedChatModel.answer;
import static dev.klyo.springai.ScriptedChatModel.callTools;

import dev.klyo.AgentBridge;
import dev.klyo.Klyo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage.ToolCall;
import org.springframework.ai.tool.annotation.Tool;

/**
 * Run in a JVM with the real Klyo javaagent attached: a governed Spring AI tool loop whose tools
 * report whether they run inside the agent's ToolCallScope, and read a file the agent audits.
 * Arguments: a file for the allowed tool to read. Prints one line per fact for the test.
 */
public final class AgentBridgeProbe {

    public static class Tools {
        private final Path file;

        Tools(Path file) {
            this.file = file;
        }

        @Tool(name = "list_files", description = "reads the workspace index")
        public String listFiles() throws Exception {
            System.out.println("list_files ran in scope=" + scopeActive());
            return Files.readString(file);
        }

        @Tool(name = "delete_file", description = "deletes a file")
        public String deleteFile(String path) {
            System.out.println("delete_file ran");
            return "deleted";
        }
    }

    public static void main(String[] args) throws Exception {
        System.out.println("attached=" + AgentBridge.agentAttached());
        try (Klyo klyo = TestPolicies.klyo(new RecordingAuditSink())) {
            ScriptedChatModel model = new ScriptedChatModel(
                    callTools(new ToolCall("1", "function", "list_files", "{}"),
                            new ToolCall("2", "function", "delete_file", "{\"path\":\"x\"}")),
                    answer("done"));
            String reply = ChatClient.builder(model).defaultAdvisors(new KlyoAdvisor(new ToolGovernance(klyo, "probe")))
                    .build().prompt("go").tools(new Tools(Path.of(args[0]))).call().content();
            System.out.println("reply=" + reply);
            System.out.println("after the call, scope=" + scopeActive());
        }
    }

    private static boolean scopeActive() throws ReflectiveOperationException {
        Class<?> scope = Class.forName("dev.klyo.javaagent.bootstrap.ToolCallScope", false, null);
        return (Boolean) scope.getMethod("active").invoke(null);
    }
}
