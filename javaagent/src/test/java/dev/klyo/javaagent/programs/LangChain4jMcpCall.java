package dev.klyo.javaagent.programs;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.mcp.McpToolProvider;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import java.time.Duration;
import java.util.List;

/**
 * LangChain4j's own MCP client ({@code DefaultMcpClient}, key {@code notes}) calling one tool of
 * a real MCP server over stdio ({@link McpNotesServer} in its own JVM, without the agent).
 * {@code direct}: the application calls {@code executeTool} itself. {@code loop}: a real
 * AiServices tool loop with {@code McpToolProvider} and a scripted model that asks for the tool
 * once and then answers with what it returned.
 */
final class LangChain4jMcpCall {

    interface Assistant {
        String chat(String message);
    }

    private LangChain4jMcpCall() {
    }

    static String run(String how, String log, String tool) throws Exception {
        try (McpClient client = new DefaultMcpClient.Builder().key("notes")
                .transport(new StdioMcpTransport.Builder().command(McpNotesServer.command("notes", log)).build())
                .initializationTimeout(Duration.ofSeconds(60)).toolExecutionTimeout(Duration.ofSeconds(60)).build()) {
            ToolExecutionRequest request = ToolExecutionRequest.builder().id("call-1").name(tool)
                    .arguments("{\"path\":\"/notes\"}").build();
            if (how.equals("direct")) {
                return "OK " + client.executeTool(request).resultText();
            }
            Assistant assistant = AiServices.builder(Assistant.class).chatModel(scripted(request))
                    .toolProvider(McpToolProvider.builder().mcpClients(client).build()).build();
            return "OK " + assistant.chat("please clean up").replace('\n', ' ');
        }
    }

    private static ChatModel scripted(ToolExecutionRequest request) {
        return new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest chat) {
                List<ChatMessage> messages = chat.messages();
                if (messages.get(messages.size() - 1) instanceof ToolExecutionResultMessage result) {
                    return ChatResponse.builder().aiMessage(AiMessage.from("tool said: " + result.text())).build();
                }
                return ChatResponse.builder().aiMessage(AiMessage.from(request)).build();
            }
        };
    }
}
