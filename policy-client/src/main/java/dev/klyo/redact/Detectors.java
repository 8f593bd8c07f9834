package dev.klyo.redact;

import java.util.LinkedHashMap;
import java.util.Map;

/** The built-in detectors, by id. Policies may add their own under {@code detectors:}. */
public final class Detectors {

    private static final Map<String, Detector> BUILT_IN = new LinkedHashMap<>();

    static {
        add(PatternDetector.of("aws-access-key", "\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\\b"));
        add(PatternDetector.of("github-token", "\\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{82})\\b"));
        add(PatternDetector.of("slack-token", "\\bxox[baprs]-[A-Za-z0-9-]{10,250}\\b"));
        add(PatternDetector.of("openai-key", "\\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}\\b"));
        add(PatternDetector.of("jwt", "\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"));
        add(PatternDetector.of("private-key",
                "-----BEGIN [A-Z ]{0,20}PRIVATE KEY-----[\\s\\S]{1,8192}?-----END [A-Z ]{0,20}PRIVATE KEY-----"));
        add(PatternDetector.of("email", "\\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,24}\\b"));
    }

    private Detectors() {
    }

    private static void add(Detector d) {
        BUILT_IN.put(d.id(), d);
    }

    public static Map<String, Detector> builtIn() {
        return Map.copyOf(BUILT_IN);
    }

    public static Detector builtIn(String id) {
        return BUILT_IN.get(id);
    }
}
