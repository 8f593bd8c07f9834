package dev.klyo.langchain4j;

import static dev.klyo.langchain4j.ScriptedChatModel.call;
import static dev.klyo.langchain4j.ScriptedChatModel.callTools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.audit.AuditEvent;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.AiMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Redact rules on tools: what the tool receives and what the model reads back are both cleaned. */
class RedactionTest {

    static final String POLICY = """
            version: 1
            name: mail
            defaults: {tool: deny}
            detectors:
              - id: ticket
                pattern: 'TICKET-[0-9]{6}'
            rules:
              - id: mail-tools
                effect: allow
                match: {tool: {names: [send_note, "read_inbox*"]}}
              - id: no-addresses-or-keys
                effect: redact
                match: {tool: {names: [send_note, "read_inbox*"]}}
                redact: [email, aws-access-key, ticket]
            """;

    static final class MailTools {
        final List<String> received = new CopyOnWriteArrayList<>();

        @Tool(name = "send_note")
        String sendNote(@P("to") String to, @P("body") String body) {
            received.add(to + "|" + body);
            return "sent";
        }

        @Tool(name = "read_inbox")
        String readInbox() {
            received.add("read_inbox");
            return "From bob@corp.example: the key is AKIAABCDEFGHIJKLMNOP, see TICKET-123456";
        }

        @Tool(name = "read_inbox_json")
        String readInboxJson() {
            received.add("read_inbox_json");
            return "{\"from\":\"\\u0062ob@corp.example\",\"body\":\"key:\\nAKIAABCDEFGHIJKLMNOP\"}";
        }
    }

    @TempDir
    Path dir;

    @Test
    void argumentsAreRedactedBeforeTheToolAndResultsBeforeTheModel() throws Exception {
        try (Harness h = Harness.of(dir, POLICY)) {
            MailTools tools = new MailTools();
            ScriptedChatModel model = new ScriptedChatModel(
                    callTools(call("c1", "send_note", "{\"to\":\"team\",\"body\":\"ping alice@corp.example re TICKET-654321\"}"),
                            call("c2", "read_inbox", "{}")),
                    AiMessage.from("Done."));
            Assistant assistant = h.assistant(model, b -> b.tools(tools));

            assertThat(assistant.chat("s-1", "note the team and read my inbox")).isEqualTo("Done.");

            // Ground truth: what the tool method itself received.
            assertThat(tools.received).containsExactlyInAnyOrder(
                    "team|ping [REDACTED:email] re [REDACTED:ticket]", "read_inbox");
            String inbox = model.toolResultIn(1, "read_inbox").text();
            assertThat(inbox).isEqualTo(
                    "From [REDACTED:email]: the key is [REDACTED:aws-access-key], see [REDACTED:ticket]");
            assertThat(inbox).doesNotContain("AKIA").doesNotContain("bob@");
            // The audit log never holds the values either.
            List<AuditEvent> events = h.events("tool");
            assertThat(events).extracting(AuditEvent::effect).containsOnly("redact");
            assertThat(String.join("\n", java.nio.file.Files.readAllLines(h.auditFile)))
                    .doesNotContain("alice@corp.example").doesNotContain("TICKET-654321");
        }
    }

    @Test
    void findingsBehindJsonEscapesAreRedactedInArgumentsAndResults() throws Exception {
        try (Harness h = Harness.of(dir, POLICY)) {
            MailTools tools = new MailTools();
            // JSON as a model writes it: a newline escape right before the key, an e-mail spelled with a \\u escape.
            ScriptedChatModel model = new ScriptedChatModel(
                    callTools(call("c1", "send_note", "{\"to\":\"team\",\"body\":\"key:\\nAKIAABCDEFGHIJKLMNOP from \\u0061lice@corp.example\"}"),
                            call("c2", "read_inbox_json", "{}")),
                    AiMessage.from("Done."));
            Assistant assistant = h.assistant(model, b -> b.tools(tools));

            assistant.chat("s-1", "send the key");

            assertThat(tools.received).hasSize(2);
            String note = tools.received.stream().filter(r -> r.startsWith("team|")).findFirst().orElseThrow();
            assertThat(note).doesNotContain("AKIAABCDEFGHIJKLMNOP").doesNotContain("lice@corp")
                    .contains("[REDACTED:aws-access-key]").contains("[REDACTED:email]");
            String inbox = model.toolResultIn(1, "read_inbox_json").text();
            assertThat(inbox).doesNotContain("AKIAABCDEFGHIJKLMNOP").doesNotContain("ob@corp")
                    .contains("[REDACTED:aws-access-key]").contains("[REDACTED:email]");
        }
    }
}
