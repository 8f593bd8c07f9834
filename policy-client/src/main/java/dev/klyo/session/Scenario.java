package dev.klyo.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klyo.engine.ToolArguments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A prompt-injection scenario as a deterministic tool-call trace (examples/scenarios): the
 * user's prompt, the calls the user's task needs, the text an attacker planted in what those
 * calls return, and the calls that text asks for. A policy passes when every user call runs and
 * no injected call does. Replay harnesses in the framework integrations read scenarios from here,
 * so adding one is a matter of data.
 */
public record Scenario(String id, String prompt, List<Call> userCalls, String plantedText, List<Call> injectedCalls) {

    /** One tool call: the tool's name and its arguments as the JSON a model would produce. */
    public record Call(String tool, String argumentsJson) {
    }

    /**
     * What a replay proved, judged from the calls the tools really executed: the user calls that
     * did not run and the injected calls that did. Passed when both are empty.
     */
    public record Outcome(List<Call> userCallsMissing, List<Call> injectedCallsRun) {
        public boolean passed() {
            return userCallsMissing.isEmpty() && injectedCallsRun.isEmpty();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Judges a replay from the calls its tools executed; arguments are compared as JSON values. */
    public Outcome judge(List<Call> executed) {
        List<Call> missing = userCalls.stream().filter(c -> !ran(c, executed)).toList();
        List<Call> injected = injectedCalls.stream().filter(c -> ran(c, executed)).toList();
        return new Outcome(missing, injected);
    }

    private static boolean ran(Call call, List<Call> executed) {
        Map<String, Object> expected = ToolArguments.parse(call.argumentsJson());
        return executed.stream().anyMatch(e -> e.tool().equals(call.tool())
                && ToolArguments.parse(e.argumentsJson()).equals(expected));
    }

    /** The scenarios of a file with a top-level {@code scenarios:} list. */
    @SuppressWarnings("unchecked")
    public static List<Scenario> load(Path file) throws IOException {
        Object root = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
        if (!(root instanceof Map<?, ?> m) || !(m.get("scenarios") instanceof List<?> list)) {
            throw new IOException(file + ": expected a top-level 'scenarios:' list");
        }
        List<Scenario> out = new ArrayList<>();
        for (Object o : list) {
            Map<String, Object> s = (Map<String, Object>) o;
            out.add(new Scenario(text(s.get("id")), text(s.get("prompt")), calls(s.get("userCalls")),
                    text(s.get("plantedText")), calls(s.get("injectedCalls"))));
        }
        return List.copyOf(out);
    }

    @SuppressWarnings("unchecked")
    private static List<Call> calls(Object value) throws JsonProcessingException {
        List<Call> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                Map<String, Object> call = (Map<String, Object>) o;
                Object args = call.get("arguments");
                out.add(new Call(text(call.get("tool")), JSON.writeValueAsString(args == null ? Map.of() : args)));
            }
        }
        return List.copyOf(out);
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    @Override
    public String toString() {
        return id;
    }
}
