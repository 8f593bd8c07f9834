package dev.klyo.redact;

import java.util.List;

/** Finds sensitive values (a secret, a personal datum) in text. Implementations are stateless and thread-safe. */
public interface Detector {

    /** Stable id, used in policies and in the {@code [REDACTED:id]} marker. */
    String id();

    /** Non-overlapping findings in order of position. */
    List<Finding> find(CharSequence text);
}
