package dev.klyo.examples.springai;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.stereotype.Component;

/**
 * Stands in for a real model: first asks to list the workspace and delete the old report, then
 * answers from whatever the tools returned. It prints what it is told, so the run shows the
 * exchange as the model saw it.
 */
@Component
public class ScriptedSupportModel implements ChatModel {

    private final AtomicInteger round = new AtomicInteger();
    private final PrintStream out = System.out;

    @Override
    public ChatOptions getOptions() {
        // Spring AI 2 attaches tools only to requests whose options support tool calling.
        return ToolCallingChatOptions.builder().model("scripted-support-model").build();
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        AssistantMessage reply = round.getAndIncrement() == 0 ? firstRound(prompt) : answer(prompt);
        return new ChatResponse(List.of(new Generation(reply)));
    }

    private AssistantMessage firstRound(Prompt prompt) {
        out.println("model   <- user: " + prompt.getUserMessage().getText());
        out.println("model   -> calls list_files {} and delete_file {\"name\":\"old-report.pdf\"}");
        return AssistantMessage.builder().toolCalls(List.of(
                new AssistantMessage.ToolCall("call-1", "function", "list_files", "{}"),
                new AssistantMessage.ToolCall("call-2", "function", "delete_file", "{\"name\":\"old-report.pdf\"}")))
                .build();
    }

    private AssistantMessage answer(Prompt prompt) {
        String files = "";
        String deletion = "";
        for (Message m : prompt.getInstructions()) {
            if (m instanceof ToolResponseMessage results) {
                for (ToolResponseMessage.ToolResponse r : results.getResponses()) {
                    out.println("model   <- tool " + r.name() + ": " + r.responseData());
                    if (r.name().equals("list_files")) {
                        files = r.responseData().replace("\"", "");
                    } else {
                        deletion = r.responseData();
                    }
                }
            }
        }
        String text = deletion.startsWith("\"deleted")
                ? "The workspace holds " + files + "; I deleted old-report.pdf."
                : "The workspace holds " + files + ". I could not delete old-report.pdf (" + deletion
                        + "), so I left it for the workspace owner.";
        return new AssistantMessage(text);
    }
}
