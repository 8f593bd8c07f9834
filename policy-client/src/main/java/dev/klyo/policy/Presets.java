package dev.klyo.policy;

import java.util.List;

/** The built-in presets a policy can start from with {@code preset: NAME}. */
public final class Presets {

    public static final List<String> NAMES = List.of("open", "balanced", "locked-down");

    private Presets() {
    }
}
