package dev.klyo.redact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces every finding of a set of detectors with {@code [REDACTED:detector-id]}; all other
 * characters stay exactly as they were.
 */
public final class Redactor {

    private final List<Detector> detectors;

    public Redactor(Collection<Detector> detectors) {
        this.detectors = List.copyOf(detectors);
    }

    public boolean isEmpty() {
        return detectors.isEmpty();
    }

    public List<Finding> find(CharSequence text) {
        List<Finding> all = new ArrayList<>();
        for (Detector d : detectors) {
            all.addAll(d.find(text));
        }
        if (all.size() < 2) {
            return all;
        }
        all.sort(Comparator.comparingInt(Finding::start).thenComparing(f -> -f.end()));
        List<Finding> merged = new ArrayList<>();
        int covered = -1;
        for (Finding f : all) {
            if (f.start() >= covered) {
                merged.add(f);
                covered = f.end();
            }
        }
        return merged;
    }

    public String redact(String text) {
        if (text == null || text.isEmpty() || detectors.isEmpty()) {
            return text;
        }
        List<Finding> findings = find(text);
        if (findings.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        for (Finding f : findings) {
            out.append(text, last, f.start()).append("[REDACTED:").append(f.detectorId()).append(']');
            last = f.end();
        }
        return out.append(text, last, text.length()).toString();
    }
}
