package dev.klyo.action;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A process about to start, with its full command line. */
public record ProcessStart(AgentContext context, List<String> command, String directory) implements Action {

    public ProcessStart {
        context = Objects.requireNonNullElse(context, AgentContext.ANONYMOUS);
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        directory = Objects.requireNonNullElse(directory, "");
    }

    public static ProcessStart of(String... command) {
        return new ProcessStart(AgentContext.ANONYMOUS, List.of(command), "");
    }

    /** The program as given (first element). */
    public String program() {
        return command.get(0);
    }

    /** The program's file name without directories: {@code /usr/bin/curl} gives {@code curl}. */
    public String programName() {
        String program = program();
        int slash = Math.max(program.lastIndexOf('/'), program.lastIndexOf('\\'));
        return slash < 0 ? program : program.substring(slash + 1);
    }

    public List<String> arguments() {
        return command.subList(1, command.size());
    }

    public String commandLine() {
        return String.join(" ", command);
    }

    @Override
    public ActionKind kind() {
        return ActionKind.PROCESS;
    }

    @Override
    public Map<String, Object> attributes() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("program", program());
        map.put("programName", programName());
        map.put("args", arguments());
        map.put("commandLine", commandLine());
        map.put("directory", directory);
        return map;
    }

    @Override
    public String target() {
        return commandLine();
    }
}
