package dev.klyo.operator;

import dev.klyo.action.ActionKind;
import dev.klyo.policy.Policy;
import dev.klyo.policy.PolicyException;
import dev.klyo.policy.PolicyLoader;
import dev.klyo.policy.Presets;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code klyo init}: writes a commented starter policy built on a preset. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a commented starter policy on a preset, in observe mode unless told otherwise.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:policy written", "1:the file exists (use --force) or cannot be written", "2:usage error"})
public final class InitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "balanced",
            description = "open, balanced or locked-down. Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "observe",
            description = "observe (record, block nothing) or enforce. Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "my-agent",
            description = "The policy's name, recorded in every audit event. Default: ${DEFAULT-VALUE}.")
    String name;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "klyo-policy.yaml",
            description = "Where to write it; - for standard output. Default: ${DEFAULT-VALUE}.")
    String output;

    @Option(names = "--force", description = "Replace an existing file.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Presets.NAMES.contains(preset)) {
            err.println("klyo init: --preset is one of " + String.join(", ", Presets.NAMES) + ", not '"
                    + Terminal.printable(preset) + "'");
            return 2;
        }
        if (!mode.equals("observe") && !mode.equals("enforce")) {
            err.println("klyo init: --mode is observe or enforce, not '" + Terminal.printable(mode) + "'");
            return 2;
        }
        boolean toStdout = output.equals("-");
        Path file = toStdout ? null : Path.of(output);
        if (file != null && Files.exists(file) && !force) {
            err.println("klyo init: " + file + " exists; use --force to replace it");
            return 1;
        }
        String text;
        try {
            text = render(toStdout ? "klyo-policy.yaml" : file.toString());
            new PolicyLoader().parse(text, toStdout ? "starter" : file.toString());
        } catch (IOException | PolicyException e) {
            // The template ships with Klyo; failing here is a Klyo bug, not the operator's.
            err.println("klyo init: the starter policy is broken: " + e.getMessage());
            return 1;
        }
        if (toStdout) {
            out.print(text);
            return 0;
        }
        try {
            AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            err.println("klyo init: cannot write " + file + ": " + Failures.describe(e));
            return 1;
        }
        out.println("wrote " + file + " (preset " + preset + ", " + mode + " mode). Next: klyo check " + file);
        return 0;
    }

    private String render(String fileName) throws IOException, PolicyException {
        return resource("/dev/klyo/operator/starter.yaml")
                .replace("{{nameYaml}}", YamlText.flow(name))
                .replace("{{name}}", Terminal.printable(name))
                .replace("{{preset}}", preset)
                .replace("{{mode}}", mode)
                .replace("{{date}}", LocalDate.now().toString())
                .replace("{{file}}", fileName)
                .replace("{{presetComment}}", presetComment())
                .replace("{{presetDefaults}}", presetDefaults());
    }

    /** The preset's own description: the comment lines at the top of its file. */
    private String presetComment() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : resource("/dev/klyo/presets/" + preset + ".yaml").split("\n")) {
            if (!line.startsWith("#")) {
                break;
            }
            lines.add(line);
        }
        return String.join("\n", lines);
    }

    private String presetDefaults() throws PolicyException {
        Policy p = new PolicyLoader().parse("version: 1\npreset: " + preset + "\n", "preset");
        List<String> parts = new ArrayList<>();
        for (ActionKind kind : ActionKind.values()) {
            parts.add(kind.key() + " " + p.defaultFor(kind).key());
        }
        return String.join(", ", parts).toLowerCase(Locale.ROOT);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = InitCommand.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
