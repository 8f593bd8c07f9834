package dev.klyo.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Turns a path glob as written ({@code ~/.ssh/**}, {@code ${HOME}/x}, {@code /tmp/../etc/*})
 * into one that matches canonical paths: {@code ~} and {@code ${NAME}} expanded (see
 * {@link Placeholders}), {@code .} and {@code ..} removed, and the literal directory
 * part resolved through symbolic links when it exists, as enforcement points resolve paths.
 */
final class PathExpander {

    private final UnaryOperator<String> environment;

    PathExpander(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /** The expanded glob; throws {@link IllegalArgumentException} for an unknown variable or a relative path. */
    String expand(String glob) {
        String s = glob;
        if (s.equals("~") || s.startsWith("~/")) {
            s = variable("HOME", "user.home") + s.substring(1);
        }
        String expanded = Placeholders.expand(s, environment);
        if (expanded.startsWith("**")) {
            return expanded;
        }
        if (!expanded.startsWith("/")) {
            throw new IllegalArgumentException("'" + glob + "' is not absolute; start it with '/', '~' or '**'");
        }
        return canonicalPrefix(normalize(expanded));
    }

    private String variable(String name, String fallbackProperty) {
        return Placeholders.value(name, environment, fallbackProperty);
    }

    /** Removes '.', '..' and doubled slashes without touching wildcards. */
    private static String normalize(String path) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    /**
     * Resolves symbolic links in the deepest existing directory of the glob's literal part, so
     * a rule on {@code /var/data/new/**} still matches when {@code /var/data} is a link and
     * {@code new} does not exist yet: enforcement points resolve paths the same way.
     */
    private static String canonicalPrefix(String glob) {
        int wildcard = indexOfWildcard(glob);
        String literal = wildcard < 0 ? glob : glob.substring(0, Math.max(1, glob.lastIndexOf('/', wildcard)));
        Path existing = Path.of(literal);
        try {
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null || existing.getNameCount() == 0) {
                return glob;
            }
            String real = existing.toRealPath().toString();
            String rest = glob.substring(existing.toString().length());
            return real.equals("/") ? rest : real + rest;
        } catch (IOException | SecurityException e) {
            // An unreadable prefix is matched as written.
            return glob;
        }
    }

    private static int indexOfWildcard(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '{') {
                return i;
            }
        }
        return -1;
    }
}
