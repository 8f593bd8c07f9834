package dev.klyo.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamingRedactionTest {

    private static String stream(String text, int holdback, Random random, int maxChunk) throws IOException {
        StringWriter sink = new StringWriter();
        try (Writer w = Samples.all().writer(sink, holdback)) {
            int i = 0;
            while (i < text.length()) {
                int n = Math.min(text.length() - i, 1 + random.nextInt(maxChunk));
                w.write(text, i, n);
                i += n;
                if (random.nextInt(5) == 0) {
                    w.flush();
                }
            }
        }
        return sink.toString();
    }

    @Test
    void valuesSplitAcrossWritesAreStillFound() throws IOException {
        StringBuilder text = new StringBuilder();
        Random random = new Random(11);
        for (int i = 0; i < 300; i++) {
            text.append("line ").append(i).append(": ");
            switch (i % 6) {
                case 0 -> text.append(Samples.AWS_ACCESS_KEY);
                case 1 -> text.append(Samples.EMAIL);
                case 2 -> text.append(Samples.JWT);
                case 3 -> text.append(Samples.CARD);
                default -> text.append("nothing here but words");
            }
            text.append('\n');
        }
        String whole = Samples.all().redact(text.toString());
        for (int maxChunk : new int[] {1, 7, 100, 5000}) {
            assertThat(stream(text.toString(), 256, random, maxChunk)).as("chunks up to " + maxChunk).isEqualTo(whole);
        }
    }

    @Test
    void aPrivateKeyLongerThanTheHoldbackIsHeldUntilItEnds() throws IOException {
        String key = Samples.PRIVATE_KEY.replace("\n-----END", ("\n" + "Qm3v8Xz1Lk9Tr5Wp".repeat(4)).repeat(12) + "\n-----END");
        assertThat(key.length()).isGreaterThan(3 * 256);
        String text = "before\n" + key + "\nafter";
        String redacted = stream(text, 256, new Random(3), 5);
        assertThat(redacted).isEqualTo("before\n[REDACTED:private-key]\nafter");
    }
}
