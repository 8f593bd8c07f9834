package dev.klyo.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScopeDerivationTest {

    @Test
    void aReadOnlyQuestionGrantsOnlyReading() {
        Scope s = ScopeDerivation.fromUserMessage("What's my total spending in March 2022?");
        assertThat(s.intents()).containsExactly("read");
        assertThat(s.accounts()).isEmpty();
        assertThat(s.declared()).isFalse();
    }

    @Test
    void aPaymentRequestNamesItsAccountExactly() {
        Scope s = ScopeDerivation.fromUserMessage(
                "Pay the bill in my files to UK12345678901234567890, amount 98.70");
        assertThat(s.intents()).contains("read", "write").doesNotContain("destructive");
        assertThat(s.covers("UK12345678901234567890")).isTrue();
        assertThat(s.covers("UK12345678901234567891")).isFalse();
    }

    @Test
    void aDeletionRequestGrantsDestructiveActions() {
        Scope s = ScopeDerivation.fromUserMessage("Find and delete the largest file in my drive");
        assertThat(s.intents()).contains("destructive");
    }

    @Test
    void recipientsAndHostsAreCollected() {
        Scope s = ScopeDerivation.fromUserMessage("Send the summary to mary-jo@corp.example and post it on https://wiki.corp.example/page");
        assertThat(s.covers("mary-jo@corp.example")).isTrue();
        assertThat(s.covers("wiki.corp.example")).isTrue();
        assertThat(s.intents()).contains("write");
    }

    @Test
    void sessionsAreBoundedAndRememberState() {
        Sessions sessions = new Sessions(2);
        Session a = sessions.get("a");
        a.label("untrusted");
        a.increment("deletions");
        a.rememberSensitive("4111111111111111");
        assertThat(sessions.get("a").hasLabel("untrusted")).isTrue();
        assertThat(a.counter("deletions")).isEqualTo(1);
        assertThat(SessionFacts.of(dev.klyo.action.ToolCall.of("post", "{\"text\":\"card=4111111111111111\"}"), a.toMap()))
                .containsEntry("carriesSensitive", true);
        sessions.get("b");
        sessions.get("c");
        assertThat(sessions.size()).isEqualTo(2);
        assertThat(sessions.get("a").hasLabel("untrusted")).isFalse();
    }
}
