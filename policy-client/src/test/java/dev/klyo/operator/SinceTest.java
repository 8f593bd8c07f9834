package dev.klyo.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SinceTest {

    private final Since since = new Since(Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneId.of("Europe/Paris")));

    @Test
    void readsInstantsLocalTimesDatesAndAges() {
        assertThat(since.convert("2026-11-20T09:00:00Z")).isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
        assertThat(since.convert("2026-11-20T10:00")).isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
        assertThat(since.convert("2026-11-20")).isEqualTo(Instant.parse("2026-11-19T23:00:00Z"));
        assertThat(since.convert("90s")).isEqualTo(Instant.parse("2026-11-22T11:58:30Z"));
        assertThat(since.convert("15m")).isEqualTo(Instant.parse("2026-11-22T11:45:00Z"));
        assertThat(since.convert("2H")).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(since.convert("7d")).isEqualTo(Instant.parse("2026-11-15T12:00:00Z"));
    }

    @Test
    void rejectsAnythingElseWithTheFormsItAccepts() {
        assertThatThrownBy(() -> since.convert("yesterday"))
                .isInstanceOf(CommandLine.TypeConversionException.class).hasMessageContaining("15m");
    }
}
