package dev.klyo.cli;

import dev.klyo.policy.Policy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code klyo check}: validates policies the way the agent will load them, reporting every error. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Validate policy files (YAML or JSON). Each error is printed on stderr as",
            "FILE:LINE:COLUMN: KEY: MESSAGE; each valid file as 'ok' on stdout."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every policy is valid", "1:a policy is invalid or cannot be read", "2:usage error"})
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PolicyOptions options;

    @Parameters(arity = "1..*", paramLabel = "POLICY", description = "Policy files to validate.")
    List<Path> policies;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int invalid = 0;
        for (Path file : policies) {
            Policy policy = options.load(file, err);
            if (policy == null) {
                invalid++;
            } else {
                out.println("ok " + file + " (" + policy.rules().size() + " rules, " + policy.revision() + ")");
            }
        }
        if (invalid > 0) {
            err.println(invalid + " of " + policies.size() + " policies invalid");
            return 1;
        }
        return 0;
    }
}
