package dev.klyo.policy;

/** One problem in a policy source, located by file, line, column (1-based) and the key at fault. */
public record PolicyError(String file, int line, int column, String key, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + (key.isEmpty() ? "" : key + ": ") + message;
    }
}
