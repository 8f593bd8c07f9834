package dev.klyo.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.Klyo;
import dev.klyo.policy.PolicyLoader;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A tool result labels the session from what the tool really returned, before the result is
 * redacted for the model: the model never sees the key, yet the session knows a secret was read.
 * Each framework integration extends this with its own tool loop.
 */
public abstract class SessionLabelsContract {

    public static final String POLICY = """
            version: 1
            name: secrets-stay
            defaults: {tool: allow}
            rules:
              - id: hide-keys-from-the-model
                effect: redact
                redact: [aws-access-key]
                match: {tool: {names: [read_inbox]}}
              - id: nothing-leaves-after-a-secret
                effect: deny
                message: the session has read a secret
                match: {tool: {names: [send_note]}}
                when: '"secret" in session.labels'
            """;

    public static final String SESSION = "inbox-session";
    public static final String INBOX = "From ops: the deploy key is AKIAABCDEFGHIJKLMNOP";

    /**
     * Runs one conversation in session {@link #SESSION} through the framework's tool loop governed
     * by {@code klyo}: the model calls {@code send_note}, {@code read_inbox} (which returns
     * {@link #INBOX}), {@code send_note} again, then answers. Each tool that really runs appends
     * its name to {@code ran}.
     *
     * @return the {@code read_inbox} result as the model received it
     */
    protected abstract String converse(Klyo klyo, List<String> ran) throws Exception;

    @Test
    void aSecretReadByAToolLabelsTheSessionThoughTheModelSeesItRedacted() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        try (Klyo klyo = Klyo.builder().policy(new PolicyLoader().parse(POLICY, "secrets.yaml")).build()) {
            String seenByModel = converse(klyo, ran);

            assertThat(ran).containsExactly("send_note", "read_inbox");
            assertThat(seenByModel).doesNotContain("AKIA").contains("[REDACTED:aws-access-key]");
            assertThat(klyo.session(SESSION).hasLabel("secret")).isTrue();
        }
    }
}
