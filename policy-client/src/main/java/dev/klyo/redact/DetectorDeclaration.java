package dev.klyo.redact;

import java.util.List;
import java.util.Map;

/**
 * One entry of a policy's {@code detectors:} list: either a new detector ({@code id} and
 * {@code pattern}, optional {@code keywords}, {@code entropy}, {@code allowlist}) or, without a
 * pattern, more allowlisted values for a detector that already exists (a built-in, say).
 *
 * @param id            the detector id, used in {@code redact:} lists and in the marker
 * @param pattern       RE2 syntax; a group named {@code value} narrows the finding; null to
 *                      only allowlist values of the existing detector {@code id}
 * @param keywords      case-insensitive prefilter (at least two ASCII characters each): the
 *                      pattern only runs within {@value #KEYWORD_REACH} characters of one
 * @param entropy       minimum Shannon entropy, in bits per character, of a finding; null for none
 * @param allowValues   values that are never findings
 * @param allowPatterns RE2 expressions; a finding they match whole is dropped
 */
public record DetectorDeclaration(String id, String pattern, List<String> keywords, Double entropy,
                                  List<String> allowValues, List<String> allowPatterns) {

    /** The keys of a {@code detectors:} entry. */
    public static final List<String> KEYS = List.of("id", "pattern", "keywords", "entropy", "allowlist");
    /** The keys of an entry's {@code allowlist:}. */
    public static final List<String> ALLOWLIST_KEYS = List.of("values", "patterns");
    static final int KEYWORD_REACH = 512;

    private static final com.google.re2j.Pattern ID = com.google.re2j.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public DetectorDeclaration {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        allowValues = allowValues == null ? List.of() : List.copyOf(allowValues);
        allowPatterns = allowPatterns == null ? List.of() : List.copyOf(allowPatterns);
    }

    /** A declaration is wrong in one of its keys. */
    public static final class Invalid extends IllegalArgumentException {
        private final String key;

        Invalid(String key, String message) {
            super(message);
            this.key = key;
        }

        /** The key at fault: {@code id}, {@code pattern}, {@code keywords}, {@code entropy} or {@code allowlist}. */
        public String key() {
            return key;
        }
    }

    /**
     * The detector this declaration defines, given the detectors defined before it.
     *
     * @throws Invalid naming the key at fault
     */
    public Detector build(Map<String, Detector> existing) {
        if (id == null || !ID.matches(id)) {
            throw new Invalid("id", "a detector id is 1 to 64 letters, digits, '.', '_' or '-', starting with a"
                    + " letter or digit");
        }
        Allowlist allowlist = allowlist();
        Detector before = existing.get(id);
        if (pattern == null) {
            if (before == null) {
                throw new Invalid("pattern", "detector '" + id + "' needs a 'pattern' (only an existing detector"
                        + " can be given an allowlist alone)");
            }
            if (!keywords.isEmpty() || entropy != null) {
                throw new Invalid(keywords.isEmpty() ? "entropy" : "keywords",
                        "only 'allowlist' can be added to the existing detector '" + id + "'");
            }
            if (!(before instanceof PatternDetector p)) {
                throw new Invalid("allowlist", "detector '" + id + "' cannot take an allowlist");
            }
            return p.withAllowlist(allowlist);
        }
        if (before != null) {
            throw new Invalid("id", "detector '" + id + "' is already defined; leave out 'pattern' to add to"
                    + " its allowlist");
        }
        PatternDetector.Builder b;
        try {
            b = PatternDetector.builder(id, pattern);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new Invalid("pattern", "bad regular expression: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        }
        try {
            b.keywords(keywords, KEYWORD_REACH);
        } catch (IllegalArgumentException e) {
            throw new Invalid("keywords", e.getMessage());
        }
        if (entropy != null) {
            if (entropy < 0 || entropy > 16) {
                throw new Invalid("entropy", "entropy is in bits per character, between 0 and 16");
            }
            b.minEntropy(entropy);
        }
        return b.allowlist(allowlist).build();
    }

    private Allowlist allowlist() {
        try {
            return Allowlist.of(allowValues, allowPatterns);
        } catch (com.google.re2j.PatternSyntaxException e) {
            throw new Invalid("allowlist", "bad regular expression in allowlist.patterns: " + e.getDescription());
        }
    }
}
