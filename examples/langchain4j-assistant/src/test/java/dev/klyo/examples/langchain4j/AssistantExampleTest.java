package dev.klyo.examples.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example as its main would, with the shipped policy, and checks what it prints. */
class AssistantExampleTest {

    @TempDir
    Path dir;

    @Test
    void deniedCancellationIsExplainedToTheCustomerAndNeverRuns() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AssistantExample.run(Path.of("policy.yaml"), dir.resolve("audit.jsonl"),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        // Ground truth from the tool itself: nothing was cancelled.
        assertThat(out).contains("orders the cancel_order tool actually cancelled: []");
        assertThat(out).contains("refused    Klyo policy denied tool 'cancel_order': cancelling an order needs a human agent");
        // The model read the refusal and told the customer; the lookup ran with the e-mail redacted.
        assertThat(out).containsPattern("assistant > Here is what I found: order 1042: 1 desk lamp, shipped 2026-11-18 "
                + "to \\[REDACTED:email], tracking ZX-88213\\. I tried the cancel_order tool for you, but I am not allowed to use it: "
                + ".*cancelling an order needs a human agent");
        assertThat(out).doesNotContain("jane.doe@example.com");
        assertThat(out).containsPattern("tool\\s+redact\\s+get_order\\s+rules=\\S*hide-customer-emails\\S* "
                + "principal=jane.doe agent=shop-assistant session=conversation-1");
        assertThat(out).containsPattern("tool\\s+deny\\s+cancel_order\\s+rules=cancellations-need-a-human "
                + "principal=jane.doe agent=shop-assistant session=conversation-1");
    }
}
