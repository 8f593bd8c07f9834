package dev.klyo.intent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a command line runs. A shell ({@code sh -c "..."}) hides the real programs inside one
 * argument, so the script text is split on {@code | ; & && ||} and each segment's program is
 * named; known destructive forms ({@code rm -rf}, {@code mkfs}, {@code dd of=}, a download piped
 * into a shell) are flagged.
 */
public record CommandAnalysis(List<String> programs, boolean shell, boolean downloadToShell, boolean destructive,
                              Intent intent) {

    private static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "dash", "ksh", "fish", "cmd", "cmd.exe",
            "powershell", "pwsh");
    private static final Set<String> DOWNLOADERS = Set.of("curl", "wget", "fetch", "iwr", "invoke-webrequest");
    private static final Set<String> DESTROYERS = Set.of("mkfs", "shred", "wipefs", "fdisk", "parted");
    private static final Pattern SEGMENT_SPLIT = Pattern.compile("\\|\\||&&|[|;&\\n]");
    private static final Pattern RM_RECURSIVE_FORCE =
            Pattern.compile("(?:^|\\s)rm\\s+(?:-[a-zA-Z]*(?:[rR][a-zA-Z]*f|f[a-zA-Z]*[rR])[a-zA-Z]*|-[rR]\\s+-f|-f\\s+-[rR]"
                    + "|--recursive\\s+--force|--force\\s+--recursive)");

    public static CommandAnalysis of(List<String> command) {
        String first = baseName(command.get(0));
        boolean shell = SHELLS.contains(first);
        String script = shell ? scriptOf(command) : String.join(" ", command);
        List<String> programs = new ArrayList<>();
        programs.add(first);
        List<String> segments = new ArrayList<>(List.of(SEGMENT_SPLIT.split(script)));
        boolean downloadToShell = false;
        boolean previousWasDownload = false;
        int position = 0;
        for (String raw : segments) {
            String segment = raw.trim();
            int end = script.indexOf(raw, position) + raw.length();
            char separator = end < script.length() ? script.charAt(end) : ' ';
            position = end;
            if (segment.isEmpty()) {
                continue;
            }
            String program = baseName(segment.split("\\s+")[0]);
            if (shell && !programs.contains(program)) {
                programs.add(program);
            }
            if (previousWasDownload && SHELLS.contains(program)) {
                downloadToShell = true;
            }
            previousWasDownload = DOWNLOADERS.contains(program) && separator == '|';
        }
        boolean destructive = downloadToShell || RM_RECURSIVE_FORCE.matcher(script).find()
                || programs.stream().anyMatch(p -> DESTROYERS.contains(p) || p.startsWith("mkfs."))
                || (programs.contains("dd") && script.contains("of=/dev/"));
        Intent intent = destructive ? Intent.DESTRUCTIVE : Intent.WRITE;
        return new CommandAnalysis(List.copyOf(programs), shell, downloadToShell, destructive, intent);
    }

    private static String scriptOf(List<String> command) {
        for (int i = 1; i < command.size(); i++) {
            String a = command.get(i);
            if ((a.equals("-c") || a.equalsIgnoreCase("/c") || a.equalsIgnoreCase("-command")) && i + 1 < command.size()) {
                return String.join(" ", command.subList(i + 1, command.size()));
            }
        }
        return String.join(" ", command);
    }

    private static String baseName(String program) {
        int slash = Math.max(program.lastIndexOf('/'), program.lastIndexOf('\\'));
        return slash < 0 ? program : program.substring(slash + 1);
    }

    /** The form conditions see as {@code action.shell}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("programs", programs);
        m.put("shell", shell);
        m.put("downloadToShell", downloadToShell);
        m.put("destructive", destructive);
        return m;
    }
}
