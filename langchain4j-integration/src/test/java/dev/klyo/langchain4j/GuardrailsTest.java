package dev.klyo.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.InputGuardrailException;
import dev.langchain4j.guardrail.OutputGuardrailException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's message and the final answer, decided as model exchanges by the Klyo guardrails. */
class GuardrailsTest {

    static final String POLICY = """
            version: 1
            name: exchanges
            rules:
              - id: no-secrets-in-prompts
                effect: deny
                message: prompts must not carry private keys
                match: {model: {directions: [prompt]}}
                when: 'action.text.contains("PRIVATE KEY")'
              - id: mask-emails-in-prompts
                effect: redact
                match: {model: {directions: [prompt]}}
                redact: [email]
              - id: mask-keys-in-answers
                effect: redact
                match: {model: {directions: [response]}}
                redact: [aws-access-key]
              - id: no-internal-answers
                effect: deny
                message: the answer mentions an internal project
                match: {model: {directions: [response]}}
                when: 'action.text.contains("Project Nightjar")'
            """;

    @TempDir
    Path dir;

    @Test
    void promptIsRedactedBeforeTheModelSeesIt() throws Exception {
        try (Harness h = Harness.of(dir, POLICY)) {
            ScriptedChatModel model = new ScriptedChatModel(AiMessage.from("Noted."));
            assertThat(h.assistant(model, b -> b).chat("s-1", "mail carol@corp.example the report")).isEqualTo("Noted.");

            UserMessage sent = (UserMessage) model.requests.get(0).messages().stream()
                    .filter(m -> m instanceof UserMessage).findFirst().orElseThrow();
            assertThat(sent.singleText()).isEqualTo("mail [REDACTED:email] the report");
        }
    }

    @Test
    void blockedPromptNeverReachesTheModel() throws Exception {
        try (Harness h = Harness.of(dir, POLICY)) {
            ScriptedChatModel model = new ScriptedChatModel(AiMessage.from("should not be asked"));
            assertThatThrownBy(() -> h.assistant(model, b -> b).chat("s-1",
                    "-----BEGIN PRIVATE KEY----- abc -----END PRIVATE KEY----- store this"))
                    .isInstanceOf(InputGuardrailException.class)
                    .hasMessageContaining("prompts must not carry private keys");
            assertThat(model.requests).isEmpty();
            assertThat(h.events("model")).singleElement().satisfies(e -> {
                assertThat(e.effect()).isEqualTo("deny");
                assertThat(e.ruleId()).isEqualTo("no-secrets-in-prompts");
            });
        }
    }

    @Test
    void answerIsRedactedBeforeTheCallerGetsIt() throws Exception {
        try (Harness h = Harness.of(dir, POLICY)) {
            ScriptedChatModel model = new ScriptedChatModel(AiMessage.from("Use AKIAABCDEFGHIJKLMNOP for that."));
            assertThat(h.assistant(model, b -> b).chat("s-1", "which key?")).isEqualTo("Use [REDACTED:aws-access-key] for that.");
        }
    }

    @Test
    void blockedAnswerIsNotReturned() throws Exception {
        try (Harness h = Harness.of(dir, POLICY)) {
            ScriptedChatModel model = new ScriptedChatModel(AiMessage.from("Project Nightjar ships in May."));
            assertThatThrownBy(() -> h.assistant(model, b -> b).chat("s-1", "what ships next?"))
                    .isInstanceOf(OutputGuardrailException.class)
                    .hasMessageContaining("the answer mentions an internal project")
                    .hasMessageNotContaining("ships in May");
            // Fatal, not a retry: the model was asked exactly once.
            assertThat(model.requests).hasSize(1);
        }
    }
}
