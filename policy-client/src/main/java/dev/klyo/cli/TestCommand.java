package dev.klyo.cli;

import dev.klyo.engine.Decision;
import dev.klyo.engine.PolicyEngine;
import dev.klyo.policy.Policy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code klyo test}: policy unit tests, each case an action and the decision it must get. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run policy unit tests: decide each case's action against the policy and compare",
            "with the expected effect (and rule, enforced, redactions when given). Prints PASS or FAIL",
            "per case and a summary line 'N passed, M failed'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every case passed", "1:a case failed, or the policy or a cases file is invalid",
            "2:usage error"})
final class TestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PolicyOptions options;

    @Parameters(index = "0", paramLabel = "POLICY", description = "The policy file.")
    Path policyFile;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CASES", description = "Cases files (YAML or JSON).")
    List<Path> casesFiles;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Policy policy = options.load(policyFile, err);
        if (policy == null) {
            return 1;
        }
        PolicyEngine engine = new PolicyEngine(policy);
        int passed = 0;
        int failed = 0;
        int invalid = 0;
        for (Path file : casesFiles) {
            CasesFile cases;
            try {
                cases = CasesFile.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(),
                        options.environment());
            } catch (IOException e) {
                err.println(file + ":1:1: cannot read the file: " + PolicyOptions.describe(e));
                invalid++;
                continue;
            }
            cases.errors.forEach(err::println);
            invalid += cases.errors.size();
            for (PolicyCase c : cases.cases) {
                Decision decision = engine.decide(c.action(), c.session());
                List<String> failures = c.failures(decision);
                if (failures.isEmpty()) {
                    passed++;
                    out.println("PASS " + c.name());
                } else {
                    failed++;
                    out.println("FAIL " + c.name() + " (" + c.location() + "): " + String.join("; ", failures)
                            + " [rule " + decision.ruleId() + ": " + decision.message() + "]");
                }
            }
        }
        out.println(passed + " passed, " + failed + " failed" + (invalid > 0 ? ", " + invalid + " invalid" : ""));
        return failed == 0 && invalid == 0 && passed > 0 ? 0 : 1;
    }
}
