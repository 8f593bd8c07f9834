package dev.klyo.redact;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A detector defined by a regular expression, run by RE2/J so that matching time is linear in
 * the input whatever the expression and the text (no backtracking for hostile input to exploit).
 * In the manner of gitleaks: an optional keyword prefilter picks where to run the expression,
 * then a value found must pass the validators, reach the minimum entropy and not be allowlisted.
 * When the expression has a group named {@code value}, only that group is the finding (several
 * alternatives may each have one: {@code value}, {@code value2}...; the first that took part wins).
 */
public final class PatternDetector implements Detector {

    /** Starts closer than this many characters apart on average are searched as windows instead. */
    private static final int DENSE_STARTS = 64;

    private final String id;
    private final Pattern pattern;
    private final String[] valueGroups;
    private final Prefilter prefilter;
    private final Keywords keywords;
    private final Validator validator;
    private final Allowlist allowlist;
    private final String retreatAt;
    private final Kind kind;
    /** For a detector built on first use: builds it from its id. Null for one built already. */
    private final Function<String, PatternDetector> recipe;
    private volatile PatternDetector built;

    private PatternDetector(String id, Pattern pattern, Prefilter prefilter, Validator validator,
                            Allowlist allowlist, String retreatAt, Kind kind) {
        this.id = id;
        this.recipe = null;
        this.pattern = pattern;
        this.valueGroups = pattern.namedGroups().keySet().stream().filter(g -> g.startsWith("value")).sorted()
                .toArray(String[]::new);
        this.prefilter = prefilter;
        this.keywords = new Keywords(prefilter.keywords());
        this.validator = validator;
        this.allowlist = allowlist;
        this.retreatAt = retreatAt;
        this.kind = kind;
    }

    private PatternDetector(String id, Function<String, PatternDetector> recipe) {
        this.id = id;
        this.recipe = recipe;
        this.pattern = null;
        this.valueGroups = null;
        this.prefilter = null;
        this.keywords = null;
        this.validator = null;
        this.allowlist = null;
        this.retreatAt = null;
        this.kind = null;
    }

    /**
     * A detector built by {@code recipe} the first time it is used, for detectors whose
     * expression is known to compile: a policy then pays only for the detectors it uses.
     */
    static PatternDetector lazy(String id, Function<String, PatternDetector> recipe) {
        return new PatternDetector(id, recipe);
    }

    /** This detector, or the one its recipe builds (once; racing threads may build it twice, alike). */
    private PatternDetector built() {
        if (recipe == null) {
            return this;
        }
        PatternDetector b = built;
        if (b == null) {
            b = recipe.apply(id);
            built = b;
        }
        return b;
    }

    /**
     * From a {@code java.util.regex} pattern, for callers that compiled one; its flags carry over.
     *
     * @throws java.util.regex.PatternSyntaxException when the expression needs backtracking
     *                                                (back-references, look-around), which RE2 refuses
     */
    public PatternDetector(String id, java.util.regex.Pattern pattern) {
        this(id, compile(pattern.pattern(), pattern.flags()), Prefilter.EVERYWHERE, Validator.ANY, Allowlist.NONE,
                "", Kind.SPECIFIC);
    }

    /** @throws java.util.regex.PatternSyntaxException when {@code regex} is not valid RE2 syntax */
    public static PatternDetector of(String id, String regex) {
        return builder(id, regex).build();
    }

    /** @throws java.util.regex.PatternSyntaxException when {@code regex} is not valid RE2 syntax */
    public static Builder builder(String id, String regex) {
        return new Builder(id, compile(regex, 0));
    }

    @Override
    public String id() {
        return id;
    }

    public String regex() {
        return built().pattern.pattern();
    }

    /** This detector, also ignoring what {@code more} allows. */
    public PatternDetector withAllowlist(Allowlist more) {
        PatternDetector b = built();
        return new PatternDetector(id, b.pattern, b.prefilter, b.validator, b.allowlist.and(more), b.retreatAt, b.kind);
    }

    @Override
    public List<Finding> find(CharSequence text) {
        PatternDetector b = built();
        return b.find(new Scan(text.toString(), b.keywords));
    }

    /**
     * How specific a detector's findings are, most specific first: where findings overlap, the
     * more specific kind is kept (see {@link Redactor#find}).
     */
    enum Kind {
        /** A format of its own: a vendor's key, a private key block, a custom pattern. */
        SPECIFIC,
        /** Personal data, whose formats a secret may contain ({@code user:token@host}). */
        PERSONAL,
        /** A catch-all: any high-entropy value assigned to a secret-sounding name. */
        GENERIC
    }

    Kind kind() {
        return built().kind;
    }

    List<String> keywords() {
        return built().prefilter.keywords();
    }

    Prefilter prefilter() {
        return built().prefilter;
    }

    List<Finding> find(Scan scan) {
        if (recipe != null) {
            return built().find(scan);
        }
        int[] starts = prefilter.starts(scan);
        // Each anchored attempt has a fixed cost; where starts are dense, one pass over merged windows is cheaper.
        boolean sparse = starts != null && (long) starts.length * DENSE_STARTS < scan.text().length();
        return sparse ? findAt(scan.text(), starts) : findInWindows(scan);
    }

    /** Tries the expression anchored at each start, skipping starts inside the previous finding. */
    private List<Finding> findAt(String text, int[] starts) {
        List<Finding> out = null;
        int covered = 0;
        for (int start : starts) {
            if (start < covered) {
                continue;
            }
            int limit = (int) Math.min(text.length(), (long) start + prefilter.reach());
            Matcher m = pattern.matcher(CharBuffer.wrap(text, start, limit));
            if (!m.lookingAt()) {
                continue;
            }
            Finding f = finding(text, m, start);
            if (f != null) {
                if (out == null) {
                    out = new ArrayList<>();
                }
                out.add(f);
                covered = f.end();
            }
        }
        return out == null ? List.of() : out;
    }

    /**
     * The finding for a match in input that begins at {@code offset} of {@code text}: the first
     * value group that took part (else the whole match), validated; null when there is none.
     */
    private Finding finding(String text, Matcher m, int offset) {
        int start = m.start();
        int end = m.end();
        for (String g : valueGroups) {
            start = m.start(g);
            end = m.end(g);
            if (start >= 0) {
                break;
            }
        }
        if (start < 0 || end <= start) {
            return null;
        }
        int accepted = accepted(text, start + offset, end + offset);
        return accepted > start + offset ? new Finding(id, start + offset, accepted) : null;
    }

    private List<Finding> findInWindows(Scan scan) {
        String text = scan.text();
        Windows windows = new Windows(text.length());
        prefilter.windows(scan, windows);
        List<Finding> out = null;
        for (int w = 0; w < windows.size(); w++) {
            int offset = windows.start(w);
            int limit = windows.end(w);
            CharSequence input = offset == 0 && limit == text.length() ? text : CharBuffer.wrap(text, offset, limit);
            Matcher m = pattern.matcher(input);
            while (m.find()) {
                Finding f = finding(text, m, offset);
                if (f != null) {
                    if (out == null) {
                        out = new ArrayList<>();
                    }
                    out.add(f);
                }
            }
        }
        return out == null ? List.of() : out;
    }

    /**
     * The end of the finding starting at {@code start}, or -1. A candidate that fails validation
     * is retried shortened to its last {@code retreatAt} separator: greedy expressions swallow a
     * neighbour ({@code +44 20 7946 0958 2026}), and RE2 offers no second match at one position.
     */
    private int accepted(String text, int start, int end) {
        while (!(validator.valid(text, start, end) && !allowlist.allows(text.substring(start, end)))) {
            int cut = end - 1;
            while (cut > start && retreatAt.indexOf(text.charAt(cut)) < 0) {
                cut--;
            }
            if (cut <= start) {
                return -1;
            }
            end = cut;
        }
        return end;
    }

    private static Pattern compile(String regex, int javaFlags) {
        int flags = 0;
        if ((javaFlags & java.util.regex.Pattern.CASE_INSENSITIVE) != 0) {
            flags |= Pattern.CASE_INSENSITIVE;
        }
        if ((javaFlags & java.util.regex.Pattern.DOTALL) != 0) {
            flags |= Pattern.DOTALL;
        }
        if ((javaFlags & java.util.regex.Pattern.MULTILINE) != 0) {
            flags |= Pattern.MULTILINE;
        }
        try {
            return Pattern.compile(regex, flags);
        } catch (com.google.re2j.PatternSyntaxException e) {
            // The policy loader and other callers already report java.util.regex errors with their index.
            throw new java.util.regex.PatternSyntaxException(
                    "not supported by the linear-time (RE2) engine: " + e.getDescription(), regex, e.getIndex());
        }
    }

    /** Optional parts of a pattern detector. */
    public static final class Builder {
        private final String id;
        private final Pattern pattern;
        private Prefilter prefilter = Prefilter.EVERYWHERE;
        private Validator validator = Validator.ANY;
        private Allowlist allowlist = Allowlist.NONE;
        private Kind kind = Kind.SPECIFIC;
        private String retreatAt = "";

        private Builder(String id, Pattern pattern) {
            this.id = id;
            this.pattern = pattern;
        }

        /**
         * Run the expression only near a case-insensitive occurrence of one of {@code keywords}
         * (each two or more ASCII characters), which must lie within every finding or at most
         * {@code reach} characters from it.
         */
        public Builder keywords(List<String> keywords, int reach) {
            return prefilter(keywords.isEmpty() ? Prefilter.EVERYWHERE : Prefilter.keywords(keywords, reach, reach));
        }

        /** Findings whose Shannon entropy is below {@code bits} per character are dropped. */
        public Builder minEntropy(double bits) {
            return validator(Validators.minEntropy(bits));
        }

        public Builder allowlist(Allowlist allowlist) {
            this.allowlist = this.allowlist.and(allowlist);
            return this;
        }

        Builder prefilter(Prefilter prefilter) {
            this.prefilter = prefilter;
            return this;
        }

        Builder validator(Validator validator) {
            this.validator = this.validator == Validator.ANY ? validator : this.validator.and(validator);
            return this;
        }

        /** On failed validation, retry the candidate cut at its last character from {@code separators}. */
        Builder retreatAt(String separators) {
            this.retreatAt = separators;
            return this;
        }

        Builder kind(Kind kind) {
            this.kind = kind;
            return this;
        }

        public PatternDetector build() {
            return new PatternDetector(id, pattern, prefilter, validator, allowlist, retreatAt, kind);
        }
    }
}
