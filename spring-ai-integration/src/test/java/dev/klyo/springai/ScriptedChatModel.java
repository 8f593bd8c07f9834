package dev.klyo.springai;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import reactor.core.publisher.Flux;

/**
 * A chat model that plays a script: each call returns the next step's message, computed from
 * the prompt it received. It records every prompt, so tests can read what the model was told.
 */
public final class ScriptedChatModel implements ChatModel {

    private final List<Function<Prompt, AssistantMessage>> steps;
    private final List<Prompt> prompts = Collections.synchronizedList(new ArrayList<>());

    @SafeVarargs
    public ScriptedChatModel(Function<Prompt, AssistantMessage>... steps) {
        this.steps = List.of(steps);
    }

    public static Function<Prompt, AssistantMessage> callTool(String name, String arguments) {
        return prompt -> AssistantMessage.builder()
                .toolCalls(List.of(new AssistantMessage.ToolCall("call-" + name, "function", name, arguments)))
                .build();
    }

    public static Function<Prompt, AssistantMessage> callTools(AssistantMessage.ToolCall... calls) {
        return prompt -> AssistantMessage.builder().toolCalls(List.of(calls)).build();
    }

    public static Function<Prompt, AssistantMessage> answer(String text) {
        return prompt -> new AssistantMessage(text);
    }

    /** Answers with every tool result the model was just given, as the model would summarise them. */
    public static Function<Prompt, AssistantMessage> echoToolResults() {
        return prompt -> new AssistantMessage(String.join("\n", toolResults(prompt)));
    }

    public static List<String> toolResults(Prompt prompt) {
        List<String> out = new ArrayList<>();
        for (Message m : prompt.getInstructions()) {
            if (m instanceof ToolResponseMessage t) {
                t.getResponses().forEach(r -> out.add(r.name() + ": " + r.responseData()));
            }
        }
        return out;
    }

    public List<Prompt> prompts() {
        return List.copyOf(prompts);
    }

    @Override
    public ChatOptions getOptions() {
        return ToolCallingChatOptions.builder().model("scripted").build();
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        prompts.add(prompt);
        int step = prompts.size() - 1;
        if (step >= steps.size()) {
            throw new IllegalStateException("the script has no step " + (step + 1));
        }
        return new ChatResponse(List.of(new Generation(steps.get(step).apply(prompt))));
    }

    /** Streams tool calls as one chunk and text as one chunk per word, as providers do. */
    @Override
    public Flux<ChatResponse> stream(Prompt prompt) {
        AssistantMessage message = call(prompt).getResult().getOutput();
        if (message.hasToolCalls() || message.getText() == null) {
            return Flux.just(new ChatResponse(List.of(new Generation(message))));
        }
        List<ChatResponse> chunks = new ArrayList<>();
        for (String word : message.getText().split("(?<= )")) {
            chunks.add(new ChatResponse(List.of(new Generation(new AssistantMessage(word)))));
        }
        return Flux.fromIterable(chunks);
    }
}
