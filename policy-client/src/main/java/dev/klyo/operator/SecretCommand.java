package dev.klyo.operator;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code klyo secret}: stores credentials for Klyo to inject, where the agent cannot read them.
 * A value is never taken as a command-line argument: it would stay in shell history and be
 * visible to every process on the machine through the process list.
 */
@Command(name = "secret", mixinStandardHelpOptions = true,
        description = "Store credentials that Klyo injects into requests; the agent itself cannot read them.",
        subcommands = {SecretCommand.Set.class, SecretCommand.ListNames.class, SecretCommand.Remove.class})
public final class SecretCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Where the environment is read from: the process's, or a test's. */
    UnaryOperator<String> env = System::getenv;
    /** Where --from-stdin reads: the process's standard input, or a test's. */
    InputStream stdin = System.in;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    SecretStore store() {
        return SecretStore.fromEnvironment(env);
    }

    /** {@code klyo secret set NAME}. */
    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Store a secret under NAME (replacing any value it had), readable only by its owner.",
                    "With neither option, the value is asked for on the terminal without echo."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:stored", "1:no value, or it cannot be stored", "2:usage error"})
    static final class Set implements Callable<Integer> {

        @picocli.CommandLine.ParentCommand
        SecretCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "Letters, digits, '.', '_' and '-'.")
        String name;

        @ArgGroup(exclusive = true)
        Source source;

        /** Where the value comes from. */
        static final class Source {
            @Option(names = "--from-env", paramLabel = "VAR", description = "Read the value from this environment variable.")
            String variable;

            @Option(names = "--from-stdin",
                    description = "Read the value from standard input (one trailing newline is dropped).")
            boolean stdin;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!SecretStore.validName(name)) {
                err.println("klyo secret: '" + Terminal.printable(name)
                        + "' is not a secret name: use letters, digits, '.', '_' and '-'");
                return 2;
            }
            byte[] value;
            try {
                value = value(err);
            } catch (IOException e) {
                err.println("klyo secret: cannot read the value: " + Failures.describe(e));
                return 1;
            }
            if (value == null) {
                return 1;
            }
            SecretStore store = parent.store();
            try {
                store.set(name, value);
            } catch (IOException e) {
                err.println("klyo secret: cannot store " + name + ": " + Failures.describe(e));
                return 1;
            } finally {
                Arrays.fill(value, (byte) 0);
            }
            out.println("stored secret " + name + " in " + store.file(name) + " (readable by its owner only)");
            return 0;
        }

        private byte[] value(PrintWriter err) throws IOException {
            byte[] value;
            if (source != null && source.variable != null) {
                String v = parent.env.apply(source.variable);
                if (v == null || v.isEmpty()) {
                    err.println("klyo secret: environment variable " + Terminal.printable(source.variable)
                            + " is not set or empty");
                    return null;
                }
                value = v.getBytes(StandardCharsets.UTF_8);
            } else if (source != null && source.stdin) {
                value = withoutTrailingNewline(readAll(parent.stdin));
            } else {
                Console console = System.console();
                if (console == null) {
                    err.println("klyo secret: no terminal to ask on; use --from-env VAR or --from-stdin");
                    return null;
                }
                char[] typed = console.readPassword("Value for %s: ", name);
                if (typed == null) {
                    return null;
                }
                ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(typed));
                value = Arrays.copyOf(encoded.array(), encoded.limit());
                Arrays.fill(encoded.array(), (byte) 0);
                Arrays.fill(typed, '\0');
            }
            if (value.length == 0) {
                err.println("klyo secret: the value is empty; nothing stored");
                return null;
            }
            return value;
        }

        private static byte[] readAll(InputStream in) throws IOException {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toByteArray();
        }

        private static byte[] withoutTrailingNewline(byte[] v) {
            int end = v.length;
            if (end > 0 && v[end - 1] == '\n') {
                end--;
                if (end > 0 && v[end - 1] == '\r') {
                    end--;
                }
            }
            return end == v.length ? v : Arrays.copyOf(v, end);
        }
    }

    /** {@code klyo secret list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the names of stored secrets (never their values).")
    static final class ListNames implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        SecretCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try {
                for (String n : parent.store().names()) {
                    spec.commandLine().getOut().println(n);
                }
                return 0;
            } catch (IOException e) {
                spec.commandLine().getErr().println("klyo secret: " + Failures.describe(e));
                return 1;
            }
        }
    }

    /** {@code klyo secret rm NAME}. */
    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove a stored secret.")
    static final class Remove implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        SecretCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (!SecretStore.validName(name)) {
                err.println("klyo secret: '" + Terminal.printable(name) + "' is not a secret name");
                return 2;
            }
            try {
                if (!parent.store().remove(name)) {
                    err.println("klyo secret: no secret named " + name);
                    return 1;
                }
            } catch (IOException e) {
                err.println("klyo secret: " + Failures.describe(e));
                return 1;
            }
            spec.commandLine().getOut().println("removed secret " + name);
            return 0;
        }
    }
}
