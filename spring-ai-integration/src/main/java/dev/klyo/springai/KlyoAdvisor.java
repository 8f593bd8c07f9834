package dev.klyo.springai;

import dev.klyo.Klyo;
import dev.klyo.action.ActionKind;
import dev.klyo.action.AgentContext;
import dev.klyo.action.ModelExchange;
import dev.klyo.action.ModelExchange.Direction;
import dev.klyo.engine.Decision;
import dev.klyo.policy.Effect;
import dev.klyo.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.ai.chat.client.ChatClientMessageAggregator;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.core.Ordered;
import reactor.core.publisher.Flux;

/**
 * Governs one {@code ChatClient} call: the user's message is decided as a
 * {@link ModelExchange} prompt before the model sees it, the final answer as a response before
 * the application does, each redacted or replaced by a refusal as the policy says; and every
 * tool the call offers the model is wrapped so each tool call is decided before it runs.
 *
 * <p>Ordered outside chat memory and the tool-calling loop: what memory stores is already
 * redacted, the prompt is decided once per call rather than once per tool round, and the
 * caller's identity (see {@link SessionKeys}) is copied into the tool context that every round
 * of the loop hands to the tools. A prompt that goes ahead starts a turn of its session
 * ({@link Klyo#beginTurn}).
 */
public final class KlyoAdvisor implements CallAdvisor, StreamAdvisor {

    /** Before chat memory ({@code HIGHEST_PRECEDENCE + 200}) and {@code ToolCallingAdvisor} ({@code + 300}). */
    public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    /** Response context key holding the id of the rule that blocked the prompt or the answer. */
    public static final String BLOCKED_RULE = "klyo.blockedRule";

    private final ToolGovernance governance;
    private final int order;

    public KlyoAdvisor(ToolGovernance governance) {
        this(governance, DEFAULT_ORDER);
    }

    public KlyoAdvisor(ToolGovernance governance, int order) {
        this.governance = Objects.requireNonNull(governance, "governance");
        this.order = order;
    }

    @Override
    public String getName() {
        return "KlyoAdvisor";
    }

    @Override
    public int getOrder() {
        return order;
    }

    @Override
    public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
        AgentContext who = SessionKeys.read(request.context(), governance.agentId());
        Screened prompt = screenPrompt(request, who);
        if (prompt.refusal() != null) {
            return prompt.refusal();
        }
        ChatClientResponse response = chain.nextCall(prompt.request());
        return screenAnswer(response, who, model(request.prompt()));
    }

    @Override
    public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
        AgentContext who = SessionKeys.read(request.context(), governance.agentId());
        Screened prompt = screenPrompt(request, who);
        if (prompt.refusal() != null) {
            return Flux.just(prompt.refusal());
        }
        Flux<ChatClientResponse> chunks = chain.nextStream(prompt.request());
        String model = model(request.prompt());
        if (!screensAnswers(governance.klyo().policy())) {
            // Nothing can redact or block an answer: stream it untouched and record the whole answer once.
            return new ChatClientMessageAggregator().aggregateChatClientResponse(chunks,
                    whole -> decide(who, Direction.RESPONSE, model, answerText(whole)));
        }
        // An answer can only be redacted or withheld whole: a secret may straddle two chunks.
        return chunks.collectList().map(list -> screenAnswer(joined(list), who, model)).flux();
    }

    private record Screened(ChatClientRequest request, ChatClientResponse refusal) {
    }

    private Screened screenPrompt(ChatClientRequest request, AgentContext who) {
        Prompt prompt = request.prompt();
        String text = prompt.getUserMessage().getText();
        Decision decision = decide(who, Direction.PROMPT, model(prompt), text == null ? "" : text);
        if (decision.blocked()) {
            return new Screened(null, refusal(request.context(), "Klyo blocked this request: ", decision));
        }
        if (!who.sessionId().isEmpty()) {
            // The user's own words, before redaction and before the agent reads anything else, are
            // what the session's scope is derived from (unless the application declared it).
            governance.klyo().beginTurn(who, text == null ? "" : text);
        }
        String redacted = governance.klyo().redactor(decision.redactions()).redact(text);
        Prompt next = Objects.equals(redacted, text) ? prompt : prompt.augmentUserMessage(redacted);
        ChatOptions options = next.getOptions();
        if (options != null) {
            next = new Prompt(next.getInstructions(), governance.govern(options, SessionKeys.extract(request.context())));
        }
        return new Screened(request.mutate().prompt(next).build(), null);
    }

    private ChatClientResponse screenAnswer(ChatClientResponse response, AgentContext who, String model) {
        ChatResponse chat = response.chatResponse();
        if (chat == null || chat.getResults().isEmpty()) {
            return response;
        }
        List<Generation> generations = new ArrayList<>(chat.getResults().size());
        for (Generation g : chat.getResults()) {
            String text = g.getOutput().getText();
            Decision decision = decide(who, Direction.RESPONSE, model, text == null ? "" : text);
            if (decision.blocked()) {
                return refusal(response.context(), "Klyo withheld the model's answer: ", decision);
            }
            String redacted = governance.klyo().redactor(decision.redactions()).redact(text);
            generations.add(Objects.equals(redacted, text) ? g
                    : new Generation(g.getOutput().mutate().content(redacted).build(), g.getMetadata()));
        }
        return response.mutate().chatResponse(ChatResponse.builder().from(chat).generations(generations).build())
                .build();
    }

    private Decision decide(AgentContext who, Direction direction, String model, String text) {
        return governance.klyo().decide(new ModelExchange(who, direction, model, text));
    }

    private static ChatClientResponse refusal(Map<String, Object> context, String prefix, Decision decision) {
        AssistantMessage message = new AssistantMessage(prefix + decision.message());
        return ChatClientResponse.builder()
                .chatResponse(ChatResponse.builder().generations(List.of(new Generation(message))).build())
                .context(context)
                .context(BLOCKED_RULE, decision.ruleId())
                .build();
    }

    /** Whether any rule or the default could make an answer anything but a plain allow. */
    static boolean screensAnswers(Policy policy) {
        if (policy.defaultFor(ActionKind.MODEL) != Effect.ALLOW) {
            return true;
        }
        return policy.rules().stream().anyMatch(r -> r.kinds().contains(ActionKind.MODEL));
    }

    /** The streamed chunks as one response: their texts joined, the last chunk's metadata and context. */
    private static ChatClientResponse joined(List<ChatClientResponse> chunks) {
        if (chunks.isEmpty()) {
            return ChatClientResponse.builder().build();
        }
        ChatClientResponse last = chunks.get(chunks.size() - 1);
        StringBuilder text = new StringBuilder();
        for (ChatClientResponse c : chunks) {
            text.append(answerText(c));
        }
        ChatResponse.Builder chat = last.chatResponse() == null ? ChatResponse.builder()
                : ChatResponse.builder().from(last.chatResponse());
        chat.generations(List.of(new Generation(new AssistantMessage(text.toString()))));
        return last.mutate().chatResponse(chat.build()).build();
    }

    private static String answerText(ChatClientResponse response) {
        ChatResponse chat = response.chatResponse();
        if (chat == null || chat.getResult() == null) {
            return "";
        }
        String text = chat.getResult().getOutput().getText();
        return text == null ? "" : text;
    }

    private static String model(Prompt prompt) {
        ChatOptions options = prompt.getOptions();
        return options == null || options.getModel() == null ? "" : options.getModel();
    }
}
