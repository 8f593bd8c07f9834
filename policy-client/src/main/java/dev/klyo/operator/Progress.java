package dev.klyo.operator;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Feedback while a command reads a large log. On a terminal, one line on stderr is redrawn in
 * place as the percentage grows; elsewhere (CI logs, files) a plain line is printed every N
 * events, because carriage returns make a mess of a log file. Stdout stays clean for results.
 */
final class Progress {

    /** The options that select how progress is shown, shared by the commands that read logs. */
    static final class Options {
        @Option(names = "--progress", paramLabel = "HOW", defaultValue = "auto",
                description = "Progress on stderr: auto (redrawn line on a terminal, plain lines otherwise), plain, none. Default: ${DEFAULT-VALUE}.")
        String how;

        @Option(names = "--progress-every", paramLabel = "N", defaultValue = "100000",
                description = "With plain progress, print a line every N events. Default: ${DEFAULT-VALUE}.")
        long every;

        /** Progress for reading these files, whose total size is the 100%. */
        Progress start(PrintWriter err, String verb, List<Path> files) throws IOException {
            long totalBytes = 0;
            for (Path f : files) {
                totalBytes += Files.size(f);
            }
            boolean terminal = switch (how) {
                case "none" -> false;
                case "plain" -> false;
                default -> Terminal.stderrIsTerminal();
            };
            return new Progress(err, verb, totalBytes, !"none".equals(how), terminal, Math.max(1, every));
        }
    }

    private final PrintWriter err;
    private final String verb;
    private final long totalBytes;
    private final boolean enabled;
    private final boolean terminal;
    private final long every;
    private int lastPercent = -1;

    Progress(PrintWriter err, String verb, long totalBytes, boolean enabled, boolean terminal, long every) {
        this.err = err;
        this.verb = verb;
        this.totalBytes = totalBytes;
        this.enabled = enabled;
        this.terminal = terminal;
        this.every = every;
    }

    /** Called after each event with the count so far and the bytes of the log read so far. */
    void update(long events, long bytesRead) {
        if (!enabled) {
            return;
        }
        int percent = totalBytes <= 0 ? 100 : (int) Math.min(100, bytesRead * 100 / totalBytes);
        if (terminal) {
            if (percent != lastPercent) {
                lastPercent = percent;
                err.print("\r" + line(events, percent));
                err.flush();
            }
        } else if (events % every == 0) {
            err.println(line(events, percent));
            err.flush();
        }
    }

    void finish(long events) {
        if (!enabled) {
            return;
        }
        if (terminal) {
            err.print("\r" + line(events, 100) + "\n");
        } else {
            err.println(verb + ": done, " + String.format(Locale.ROOT, "%,d", events) + " events");
        }
        err.flush();
    }

    private String line(long events, int percent) {
        return String.format(Locale.ROOT, "%s: %3d%% %,d events", verb, percent, events);
    }
}
