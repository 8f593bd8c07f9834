package dev.klyo.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A detector defined by a regular expression; when it has a group named {@code value}, only that group is the finding. */
public final class PatternDetector implements Detector {

    private final String id;
    private final Pattern pattern;
    private final boolean hasValueGroup;

    public PatternDetector(String id, Pattern pattern) {
        this.id = id;
        this.pattern = pattern;
        this.hasValueGroup = pattern.pattern().contains("(?<value>");
    }

    public static PatternDetector of(String id, String regex) {
        return new PatternDetector(id, Pattern.compile(regex));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<Finding> find(CharSequence text) {
        List<Finding> out = null;
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            int start = hasValueGroup ? m.start("value") : m.start();
            int end = hasValueGroup ? m.end("value") : m.end();
            if (start >= 0 && end > start) {
                if (out == null) {
                    out = new ArrayList<>();
                }
                out.add(new Finding(id, start, end));
            }
        }
        return out == null ? List.of() : out;
    }

    public String regex() {
        return pattern.pattern();
    }
}
