package dev.klyo.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void onATerminalOneLineIsRedrawnOnlyWhenThePercentageMoves() {
        StringWriter err = new StringWriter();
        Progress p = new Progress(new PrintWriter(err), "replay", 1000, true, true, 100);
        for (int i = 1; i <= 400; i++) {
            p.update(i, i * 2L);
        }
        p.finish(400);

        String text = err.toString();
        assertThat(text.split("\r", -1)).as("81 percentages and the final line").hasSize(83);
        assertThat(text).startsWith("\rreplay:   0% 1 events\rreplay:   1% 5 events")
                .endsWith("\rreplay:  80% 400 events\rreplay: 100% 400 events\n");
        assertThat(text.indexOf('\n')).isEqualTo(text.length() - 1);
    }

    @Test
    void offATerminalPlainLinesComeEveryNEventsAndNoneIsSilent() {
        StringWriter plain = new StringWriter();
        Progress p = new Progress(new PrintWriter(plain), "report", 100, true, false, 3);
        for (int i = 1; i <= 7; i++) {
            p.update(i, i * 10L);
        }
        p.finish(7);
        assertThat(plain.toString()).isEqualTo("report:  30% 3 events\nreport:  60% 6 events\nreport: done, 7 events\n");

        StringWriter none = new StringWriter();
        Progress off = new Progress(new PrintWriter(none), "report", 100, false, false, 1);
        off.update(1, 50);
        off.finish(1);
        assertThat(none.toString()).isEmpty();
    }
}
