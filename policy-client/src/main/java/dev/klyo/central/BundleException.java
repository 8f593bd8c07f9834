package dev.klyo.central;

/** A policy bundle that must not be applied: malformed, unsigned, wrongly signed or an invalid policy. */
public class BundleException extends Exception {

    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
