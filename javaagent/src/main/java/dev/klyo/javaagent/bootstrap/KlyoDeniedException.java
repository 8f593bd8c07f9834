package dev.klyo.javaagent.bootstrap;

/**
 * Thrown by hooks whose method declares no checked exception (File.delete, File.list, tool
 * executors): a {@link SecurityException}, as the JDK's own permission checks threw there.
 * The message names the rule and its message.
 */
public final class KlyoDeniedException extends SecurityException {

    private static final long serialVersionUID = 1L;

    public KlyoDeniedException(String message) {
        super(message);
    }
}
