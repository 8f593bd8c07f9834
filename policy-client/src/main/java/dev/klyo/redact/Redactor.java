package dev.klyo.redact;

import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Replaces every finding of a set of detectors with {@code [REDACTED:detector-id]}; all other
 * characters stay exactly as they were. Plain text, JSON (string values only, the document stays
 * valid) and form-encoded bodies (values decoded, searched, re-encoded); {@link #writer} redacts
 * a stream. Thread-safe: the detectors share one keyword search per text.
 */
public final class Redactor {

    private static final Comparator<Finding> ORDER = Comparator.comparingInt(Finding::start)
            .thenComparing(Comparator.comparingInt(Finding::end).reversed());

    private final List<Detector> detectors;
    private final Map<String, Integer> rank = new HashMap<>();
    private final Keywords keywords;

    public Redactor(Collection<Detector> detectors) {
        this.detectors = List.copyOf(detectors);
        Set<String> words = new LinkedHashSet<>();
        for (Detector d : this.detectors) {
            if (d instanceof PatternDetector p) {
                words.addAll(p.keywords());
                rank.put(p.id(), p.kind().ordinal());
            }
        }
        this.keywords = words.isEmpty() ? Keywords.NONE : new Keywords(words);
    }

    /** The marker that replaces a value found by {@code detectorId}. */
    public static String marker(String detectorId) {
        return "[REDACTED:" + detectorId + "]";
    }

    public boolean isEmpty() {
        return detectors.isEmpty();
    }

    /**
     * Findings of all detectors, in order and without overlaps (see {@link #withoutOverlaps}).
     */
    public List<Finding> find(CharSequence text) {
        if (detectors.isEmpty() || text.length() == 0) {
            return List.of();
        }
        Scan scan = new Scan(text.toString(), keywords);
        List<Finding> all = new ArrayList<>();
        for (Detector d : detectors) {
            all.addAll(d instanceof PatternDetector p ? p.find(scan) : d.find(scan.text()));
        }
        return withoutOverlaps(all);
    }

    /**
     * Keeps, of findings that overlap, the one of the most specific kind (a secret's format over
     * personal data over a generic assignment: {@code token:ghp_...@github.com} is a GitHub token,
     * not an e-mail address), then the one starting first, then the longer. Returns them in order.
     */
    List<Finding> withoutOverlaps(List<Finding> all) {
        if (all.size() < 2) {
            return all;
        }
        List<Finding> byPriority = new ArrayList<>(all);
        byPriority.sort(Comparator.comparingInt((Finding f) -> rank.getOrDefault(f.detectorId(), 0)).thenComparing(ORDER));
        TreeMap<Integer, Finding> kept = new TreeMap<>();
        for (Finding f : byPriority) {
            Map.Entry<Integer, Finding> before = kept.floorEntry(f.start());
            Map.Entry<Integer, Finding> after = kept.ceilingEntry(f.start());
            if ((before == null || before.getValue().end() <= f.start()) && (after == null || after.getKey() >= f.end())) {
                kept.put(f.start(), f);
            }
        }
        return new ArrayList<>(kept.values());
    }

    /** Plain text. */
    public String redact(String text) {
        if (text == null || text.isEmpty() || detectors.isEmpty()) {
            return text;
        }
        return apply(text, find(text));
    }

    /**
     * A JSON document: findings in string values (escapes decoded before searching) and in
     * numbers (a card number written as a number becomes a string marker); object keys and the
     * structure stay as they were, so the result parses whenever the input did.
     */
    public String redactJson(String json) {
        if (json == null || json.isEmpty() || detectors.isEmpty()) {
            return json;
        }
        return new JsonRedaction(this).redact(json);
    }

    /** An {@code application/x-www-form-urlencoded} body or a query string: values only, re-encoded. */
    public String redactForm(String form) {
        if (form == null || form.isEmpty() || detectors.isEmpty()) {
            return form;
        }
        return FormRedaction.redact(this, form);
    }

    /** By media type: JSON ({@code application/json}, {@code +json}), form-encoded, else plain text. */
    public String redactBody(String contentType, String body) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        type = (semicolon >= 0 ? type.substring(0, semicolon) : type).trim();
        if (type.equals("application/json") || type.endsWith("+json")) {
            return redactJson(body);
        }
        if (type.equals("application/x-www-form-urlencoded")) {
            return redactForm(body);
        }
        return redact(body);
    }

    /**
     * A writer that redacts what passes through it on its way to {@code out}. It holds back the
     * last {@code holdback} characters (and any finding that may still grow) until more arrives
     * or it is closed, so a value split across writes is still found whole.
     */
    public Writer writer(Writer out, int holdback) {
        return new RedactingWriter(this, out, holdback);
    }

    /**
     * {@link #writer(Writer, int)} holding back 8192 characters, more than any built-in token;
     * a private key block, longer, is held until its end line arrives.
     */
    public Writer writer(Writer out) {
        return writer(out, RedactingWriter.DEFAULT_HOLDBACK);
    }

    static String apply(String text, List<Finding> findings) {
        if (findings.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        for (Finding f : findings) {
            out.append(text, last, f.start()).append(marker(f.detectorId()));
            last = f.end();
        }
        return out.append(text, last, text.length()).toString();
    }
}
