package dev.klyo.policy;

import java.util.List;

/** What a {@code redact} rule replaces: detector ids, built-in or declared in the policy's {@code detectors:}. */
public record RedactionSpec(List<String> detectors) {

    public RedactionSpec {
        detectors = List.copyOf(detectors);
    }
}
