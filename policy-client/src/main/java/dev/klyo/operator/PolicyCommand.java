package dev.klyo.operator;

import dev.klyo.policy.Policy;
import dev.klyo.policy.PolicyError;
import dev.klyo.policy.PolicyException;
import dev.klyo.policy.PolicyLoader;
import dev.klyo.policy.Rule;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code klyo policy allow|deny KIND VALUE}: adds a rule without hand-editing. The file's text is
 * edited in place (its comments stay), the result is validated as a whole before anything is
 * written, and it replaces the old file in one step; if the result would be invalid, the old file
 * is left exactly as it was.
 */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Edit a policy file from the command line, keeping its comments and layout.",
        subcommands = {PolicyCommand.Allow.class, PolicyCommand.Deny.class})
public final class PolicyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** {@code klyo policy allow ...}. */
    @Command(name = "allow", mixinStandardHelpOptions = true,
            description = "Add a rule that allows network destinations, file paths or tools.")
    static final class Allow extends Edit {
        @Override
        String effect() {
            return "allow";
        }
    }

    /** {@code klyo policy deny ...}. */
    @Command(name = "deny", mixinStandardHelpOptions = true,
            description = "Add a rule that denies network destinations, file paths or tools (any matching deny wins).")
    static final class Deny extends Edit {
        @Override
        String effect() {
            return "deny";
        }
    }

    /** What allow and deny share: everything but the effect. */
    abstract static class Edit implements Callable<Integer> {

        private static final List<String> KINDS = List.of("network", "file", "tool");

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "KIND", description = "network, file or tool.")
        String kind;

        @Parameters(index = "1", paramLabel = "VALUE",
                description = "network: a host, *.domain, IP or CIDR; file: a path glob (~ and $${VAR} expand, quote it "
                        + "so the shell does not); tool: a tool name glob.")
        String value;

        @Option(names = "--policy", required = true, paramLabel = "FILE", description = "The policy file to edit.")
        Path file;

        @Option(names = "--id", paramLabel = "ID", description = "The rule id (default: made from effect, kind and value).")
        String id;

        @Option(names = "--message", paramLabel = "TEXT", description = "The message a denied caller sees.")
        String message;

        @Option(names = "--port", paramLabel = "PORT", split = ",",
                description = "network only: limit to these ports or ranges (8000-8999). A rule with ports no longer covers DNS lookups.")
        List<String> ports = new ArrayList<>();

        @Option(names = "--operation", paramLabel = "OP", split = ",",
                description = "file only: limit to these operations: read, write, create, delete, list, link, attributes.")
        List<String> operations = new ArrayList<>();

        @Option(names = "--server", paramLabel = "NAME", split = ",",
                description = "tool only: limit to tools of these MCP servers or providers (globs).")
        List<String> servers = new ArrayList<>();

        @Option(names = "--dry-run", description = "Validate and print the rule that would be added; write nothing.")
        boolean dryRun;

        abstract String effect();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String k = kind.toLowerCase(Locale.ROOT);
            if (!KINDS.contains(k)) {
                err.println("klyo policy: KIND is network, file or tool, not '" + Terminal.printable(kind) + "'");
                return 2;
            }
            String misplaced = !ports.isEmpty() && !k.equals("network") ? "--port"
                    : !operations.isEmpty() && !k.equals("file") ? "--operation"
                    : !servers.isEmpty() && !k.equals("tool") ? "--server" : null;
            if (misplaced != null) {
                err.println("klyo policy: " + misplaced + " does not apply to a " + k + " rule");
                return 2;
            }
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("klyo policy: " + Failures.describe(e));
                return 1;
            }
            PolicyLoader loader = new PolicyLoader();
            Policy before;
            try {
                before = loader.parse(text, file.toString());
            } catch (PolicyException e) {
                printErrors(err, e);
                err.println("klyo policy: fix these errors first; " + file + " was not changed");
                return 1;
            }
            Set<String> ids = new HashSet<>();
            for (Rule r : before.rules()) {
                ids.add(r.id());
            }
            String ruleId = id != null ? id : uniqueId(effect() + "-" + k + "-" + slug(value), ids);
            PolicyEditor.NewRule rule = new PolicyEditor.NewRule(ruleId, effect(), k, criteria(k), message,
                    "added by klyo policy " + effect() + " " + k + " on " + LocalDate.now());
            PolicyEditor.Edited edited;
            try {
                edited = PolicyEditor.addRule(text, rule);
            } catch (IllegalArgumentException e) {
                err.println("klyo policy: cannot edit " + file + ": " + e.getMessage() + "; it was not changed");
                return 1;
            }
            try {
                Policy after = loader.parse(edited.text(), file + " (edited)");
                boolean added = after.rules().size() == before.rules().size() + 1
                        && after.rules().stream().anyMatch(r -> r.id().equals(ruleId));
                if (!added) {
                    err.println("klyo policy: the edit did not add exactly one rule; " + file + " was not changed");
                    return 1;
                }
            } catch (PolicyException e) {
                printErrors(err, e);
                err.println("klyo policy: the new rule would make the policy invalid; " + file + " was not changed");
                return 1;
            }
            String inserted = edited.inserted();
            if (dryRun) {
                out.println("would add to " + file + ":");
                out.println(inserted.stripTrailing());
                return 0;
            }
            try {
                AtomicFiles.write(file, edited.text().getBytes(StandardCharsets.UTF_8), null);
            } catch (IOException e) {
                err.println("klyo policy: cannot write " + file + ": " + Failures.describe(e));
                return 1;
            }
            out.println("added rule " + ruleId + " to " + file + ":");
            out.println(inserted.stripTrailing());
            return 0;
        }

        private Map<String, Object> criteria(String k) {
            Map<String, Object> c = new LinkedHashMap<>();
            switch (k) {
                case "network" -> {
                    c.put("hosts", List.of(value));
                    if (!ports.isEmpty()) {
                        c.put("ports", ports);
                    }
                }
                case "file" -> {
                    c.put("paths", List.of(value));
                    if (!operations.isEmpty()) {
                        c.put("operations", operations.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList());
                    }
                }
                default -> {
                    c.put("names", List.of(value));
                    if (!servers.isEmpty()) {
                        c.put("servers", servers);
                    }
                }
            }
            return c;
        }

        private static void printErrors(PrintWriter err, PolicyException e) {
            for (PolicyError error : e.errors()) {
                err.println(Terminal.printable(error.toString()));
            }
        }

        /** A rule id from free text: letters, digits, '.', '-' only, as rule ids allow. */
        static String slug(String text) {
            String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^[-.]+|[-.]+$", "");
            if (s.length() > 80) {
                s = s.substring(0, 80).replaceAll("[-.]+$", "");
            }
            return s.isEmpty() ? "rule" : s;
        }

        private static String uniqueId(String base, Set<String> taken) {
            String candidate = base;
            for (int n = 2; taken.contains(candidate); n++) {
                candidate = base + "-" + n;
            }
            return candidate;
        }
    }
}
