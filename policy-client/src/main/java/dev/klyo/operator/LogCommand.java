package dev.klyo.operator;

import dev.klyo.audit.AuditJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code klyo log}: the audit log as an aligned, filterable, followable terminal view. */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = {"Show audit events as aligned lines, oldest first; follow a growing log with --follow.",
                "Lines that are not audit events are reported on stderr with their line number and skipped."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:events shown (bad lines, if any, were reported and skipped)",
                "1:an audit file could not be read", "2:usage error"})
public final class LogCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "AUDIT", description = "Audit files (JSON Lines), read in the order given.")
    List<Path> files;

    @Mixin
    EventFilter filter;

    @Option(names = {"-f", "--follow"}, description = "Keep reading events appended to the files until interrupted (Ctrl-C).")
    boolean follow;

    @Option(names = "--json", description = "Print matching events as JSON Lines instead of columns (for jq and SIEM tools).")
    boolean json;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour denials: auto (when stdout is a terminal), always, never. Default: ${DEFAULT-VALUE}.")
    String color;

    @Option(names = "--poll", paramLabel = "MILLIS", defaultValue = "250", hidden = true,
            description = "How often --follow looks for new lines.")
    long pollMillis;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LogFormat format = new LogFormat(switch (color) {
            case "always" -> true;
            case "never" -> false;
            default -> CommandLine.Help.Ansi.AUTO.enabled();
        });
        long[] shown = new long[1];
        AuditReader.EventHandler print = (file, line, e) -> {
            if (filter.test(e)) {
                out.println(json ? AuditJson.toJson(e) : format.line(e));
                shown[0]++;
                if (follow) {
                    out.flush();
                }
            }
        };
        if (!json) {
            out.println(format.header());
            out.flush();
        }
        AuditReader reader = new AuditReader(err);
        try {
            if (follow) {
                reader.follow(files, print, pollMillis);
            } else {
                reader.readAll(files, print);
            }
        } catch (IOException e) {
            err.println("klyo log: " + Failures.describe(e));
            return 1;
        } finally {
            out.flush();
        }
        if (reader.skipped() > 0) {
            err.println(shown[0] + " events shown; " + reader.skipped() + " lines skipped (not audit events)");
        }
        return 0;
    }
}
