package dev.klyo.cli;

import dev.klyo.policy.Policy;
import dev.klyo.policy.PolicyError;
import dev.klyo.policy.PolicyException;
import dev.klyo.policy.PolicyLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/** Options every command that reads policies shares, and the one way the CLI loads and reports them. */
final class PolicyOptions {

    @Option(names = "--env", paramLabel = "NAME=VALUE",
            description = "Set a variable for ~ and $${NAME} expansion in path rules and test cases, over the real "
                    + "environment (repeatable), so a policy can be checked for another machine.")
    Map<String, String> env = new LinkedHashMap<>();

    /** The real environment with the {@code --env} values over it. */
    UnaryOperator<String> environment() {
        Map<String, String> overrides = Map.copyOf(env);
        return name -> overrides.containsKey(name) ? overrides.get(name) : System.getenv(name);
    }

    PolicyLoader loader() {
        return new PolicyLoader(environment());
    }

    /** The policy, or null after printing each error as {@code file:line:col: key: message}. */
    Policy load(Path file, PrintWriter err) {
        try {
            return loader().load(file);
        } catch (PolicyException e) {
            for (PolicyError error : e.errors()) {
                err.println(error);
            }
        } catch (IOException e) {
            err.println(file + ":1:1: cannot read the file: " + describe(e));
        }
        return null;
    }

    static String describe(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.toString();
    }
}
