package dev.klyo.redact;

/** A sensitive value at {@code [start, end)} found by detector {@code detectorId}. */
public record Finding(String detectorId, int start, int end) {
}
