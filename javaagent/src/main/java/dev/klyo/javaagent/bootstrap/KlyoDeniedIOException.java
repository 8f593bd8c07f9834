package dev.klyo.javaagent.bootstrap;

import java.io.IOException;

/**
 * Thrown by hooks on I/O methods that already declare {@link IOException} (HTTP clients,
 * connects, datagram sends, process starts), so callers' existing error handling applies.
 */
public final class KlyoDeniedIOException extends IOException {

    private static final long serialVersionUID = 1L;

    public KlyoDeniedIOException(String message) {
        super(message);
    }
}
