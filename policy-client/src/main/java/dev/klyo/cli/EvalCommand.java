package dev.klyo.cli;

import dev.klyo.action.Action;
import dev.klyo.action.ActionJson;
import dev.klyo.engine.Explanation;
import dev.klyo.engine.PolicyEngine;
import dev.klyo.policy.Mode;
import dev.klyo.policy.Policy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code klyo eval}: one action against a policy, with the decision and, on request, why. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Decide one action against a policy and print the decision: effect, deciding rule,",
            "message, redactions, policy revision. With --explain, every rule of the action's kind",
            "is listed with whether it matched and, if not, why not."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the action was decided (whatever the decision)",
            "1:the policy, the action or the session is invalid", "2:usage error"})
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PolicyOptions options;

    @Parameters(index = "0", paramLabel = "POLICY", description = "The policy file.")
    Path policyFile;

    @Option(names = {"-a", "--action"}, required = true, paramLabel = "JSON",
            description = "The action as JSON or YAML, or @FILE to read it from a file.")
    String action;

    @Option(names = {"-s", "--session"}, paramLabel = "JSON",
            description = "Session state for 'session' in conditions, as a JSON or YAML object, or @FILE.")
    String session;

    @Option(names = {"-e", "--explain"}, description = "List every rule of the action's kind and why it did or did not match.")
    boolean explain;

    @Option(names = "--mode", paramLabel = "MODE", description = "Override the policy's mode: enforce or observe.")
    Mode mode;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Policy policy = options.load(policyFile, err);
        if (policy == null) {
            return 1;
        }
        Action parsed;
        Map<String, Object> state;
        try {
            parsed = ActionJson.parse(read(action));
            state = session == null ? Map.of() : Sessions.parse(read(session));
        } catch (IOException e) {
            err.println("cannot read: " + PolicyOptions.describe(e) + " (" + e.getMessage() + ")");
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("invalid action or session: " + e.getMessage());
            return 1;
        }
        Explanation explanation = new PolicyEngine(mode == null ? policy : policy.withMode(mode))
                .explain(parsed, state);
        out.println("action: " + parsed.kind().key() + " " + parsed.target());
        String rendered = explanation.render();
        out.print(explain ? rendered : rendered.substring(0, rendered.indexOf("rules considered:")));
        return 0;
    }

    /** An inline value, or the contents of the file after '@'. */
    static String read(String value) throws IOException {
        return value.startsWith("@") ? Files.readString(Path.of(value.substring(1)), StandardCharsets.UTF_8) : value;
    }
}
