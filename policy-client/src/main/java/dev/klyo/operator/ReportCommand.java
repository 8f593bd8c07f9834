package dev.klyo.operator;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code klyo report}: one self-contained HTML page answering what was touched, what ran, where data went. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write one self-contained HTML page: what agents touched, ran, and sent where.",
                "Per agent and session: files touched, processes run, destinations contacted and what was sent "
                + "there (methods, bytes); charts of decisions over time, top denied rules and destinations by "
                + "volume. Needs no network to view."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:report written", "1:an audit file could not be read or the report not written",
            "2:usage error"})
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "AUDIT", description = "Audit files (JSON Lines).")
    List<Path> files;

    @Option(names = "--html", required = true, paramLabel = "OUT.html", description = "Where to write the page.")
    Path output;

    @Mixin
    EventFilter filter;

    @Mixin
    Progress.Options progressOptions;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ReportData data = new ReportData();
        files.forEach(f -> data.sources.add(f.getFileName().toString()));
        AuditReader reader = new AuditReader(err);
        try {
            reader.readAll(files, (file, line, e) -> {
                if (filter.test(e)) {
                    data.add(e);
                }
            }, progressOptions.start(err, "report", files));
        } catch (IOException e) {
            err.println("klyo report: " + Failures.describe(e));
            return 1;
        }
        data.skippedLines = reader.skipped();
        try {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(output, HtmlReport.render(data, Instant.now()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("klyo report: cannot write the report: " + Failures.describe(e));
            return 1;
        }
        spec.commandLine().getOut().println("wrote " + Terminal.printable(output.toString()) + ": "
                + data.all.total() + " events, " + data.agents.size() + " agents, "
                + data.agents.values().stream().mapToInt(java.util.Map::size).sum() + " sessions");
        return 0;
    }
}
