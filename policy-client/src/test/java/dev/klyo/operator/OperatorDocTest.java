package dev.klyo.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.cli.KlyoCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/operator.md is product: every {@code $ klyo} line of its console blocks runs here, in
 * order, in a directory holding the files the page tells the reader to copy and save, and must
 * exit as the page says ({@code # exits N}, else 0) and print every output line the page shows.
 */
class OperatorDocTest {

    private static final Pattern SAVE_AS = Pattern.compile("`([\\w.-]+\\.yaml)`:\\s*$");
    private static final Pattern EXITS = Pattern.compile("\\s+#\\s*exits\\s+(\\d+)\\s*$");
    private static final Pattern FILE_NAME = Pattern.compile("[\\w.-]+\\.(yaml|jsonl|html)");

    @TempDir
    Path dir;

    @Test
    void everyCommandOnThePageRunsAsShown() throws Exception {
        Files.copy(Run.resource("fixture-audit.jsonl"), dir.resolve("audit.jsonl"));
        Files.copy(Run.resource("fixture-policy.yaml"), dir.resolve("recorded.yaml"));
        List<String> lines = Files.readAllLines(Path.of("../docs/operator.md"));
        int commands = 0;
        String saveAs = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher save = SAVE_AS.matcher(line);
            if (save.find()) {
                saveAs = save.group(1);
            } else if (line.equals("```yaml") && saveAs != null) {
                StringBuilder block = new StringBuilder();
                while (!lines.get(++i).equals("```")) {
                    block.append(lines.get(i)).append('\n');
                }
                Files.writeString(dir.resolve(saveAs), block);
                saveAs = null;
            } else if (line.equals("```console")) {
                while (!lines.get(++i).equals("```")) {
                    String command = lines.get(i);
                    assertThat(command).as("a console block starts with a command").startsWith("$ klyo ");
                    List<String> expected = new ArrayList<>();
                    while (!lines.get(i + 1).equals("```") && !lines.get(i + 1).startsWith("$ ")) {
                        expected.add(lines.get(++i));
                    }
                    run(command.substring("$ klyo ".length()), expected);
                    commands++;
                }
            }
        }
        assertThat(commands).isGreaterThanOrEqualTo(14);
    }

    private void run(String command, List<String> expected) {
        int exit = 0;
        Matcher exits = EXITS.matcher(command);
        if (exits.find()) {
            exit = Integer.parseInt(exits.group(1));
            command = command.substring(0, exits.start());
        }
        List<String> args = new ArrayList<>();
        for (String token : words(command)) {
            args.add(FILE_NAME.matcher(token).matches() ? dir.resolve(token).toString() : token);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int actual = KlyoCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        String printed = (out + "\n" + err).replace(dir + "/", "");
        assertThat(actual).as("klyo %s\n%s", command, printed).isEqualTo(exit);
        for (String line : expected) {
            assertThat(printed).as("klyo %s", command).contains(line.strip());
        }
    }

    /** Splits as a POSIX shell would for these examples: spaces, with single and double quotes. */
    private static List<String> words(String command) {
        List<String> out = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (c == ' ') {
                if (word != null) {
                    out.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            out.add(word.toString());
        }
        return out;
    }
}
