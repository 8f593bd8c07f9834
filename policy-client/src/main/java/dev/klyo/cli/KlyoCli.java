package dev.klyo.cli;

import dev.klyo.operator.LogCommand;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code klyo}: the command line, also the {@code Main-Class} of the agent jar, so that
 * {@code java -jar klyo.jar check policy.yaml} works wherever the agent does.
 */
@Command(name = "klyo", mixinStandardHelpOptions = true, versionProvider = KlyoCli.Version.class,
        description = "Request-layer governance for AI agents on the JVM: validate, evaluate and test policies.",
        subcommands = {CheckCommand.class, EvalCommand.class, TestCommand.class, LogCommand.class,
            dev.klyo.server.ServeCommand.class, dev.klyo.server.KeygenCommand.class, dev.klyo.server.SignCommand.class,
            dev.klyo.operator.ReportCommand.class, dev.klyo.operator.ReplayCommand.class, dev.klyo.operator.InitCommand.class, dev.klyo.operator.PolicyCommand.class, dev.klyo.operator.SecretCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:a policy, action or test case failed (see the command)", "2:usage error"})
public final class KlyoCli implements Callable<Integer> {

    /** Exit code for a bad command line; picocli's own default, kept for every command. */
    static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs a command with the given streams and returns its exit code; in-process, for tests and embedding. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new KlyoCli());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // '@FILE' means "read this value from a file" for --action and --session, not picocli's argument files.
        cli.setExpandAtFiles(false);
        cli.setOut(out);
        cli.setErr(err);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** The version from the jar's manifest, when run from a jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = KlyoCli.class.getPackage().getImplementationVersion();
            return new String[] {"klyo " + (v == null ? "(development build)" : v)};
        }
    }
}
