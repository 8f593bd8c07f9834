package dev.klyo.operator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The report's charts as inline SVG, drawn by hand so the page needs no script library and no
 * network. Every label is escaped; every bar carries a {@code <title>} with its exact numbers.
 */
final class Svg {

    static final String BLUE = "#7a9cc6";
    static final String RED = "#c62828";
    static final String AMBER = "#f0a030";
    private static final String[] TIMELINE_COLORS = {BLUE, RED, AMBER};
    private static final long[] BUCKET_SECONDS =
            {1, 5, 10, 30, 60, 300, 600, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 7 * 86400};
    private static final int MAX_BUCKETS = 48;

    private Svg() {
    }

    /** One bar of a horizontal chart: a label, stacked values, and the text shown after the bar. */
    record Bar(String label, long[] values, String caption) {
    }

    /**
     * Decisions over time: one stacked bar (allowed, denied, would-deny) per bucket, the bucket
     * chosen so that there are at most {@value #MAX_BUCKETS} bars whatever the span.
     */
    static String timeline(NavigableMap<Long, long[]> perSecond, String[] seriesNames) {
        if (perSecond.isEmpty()) {
            return "<p class=\"empty\">No events.</p>";
        }
        long start = perSecond.firstKey();
        long end = perSecond.lastKey();
        long bucket = BUCKET_SECONDS[BUCKET_SECONDS.length - 1];
        for (long b : BUCKET_SECONDS) {
            if ((end - start) / b + 1 <= MAX_BUCKETS) {
                bucket = b;
                break;
            }
        }
        long first = Math.floorDiv(start, bucket) * bucket;
        int n = (int) ((end - first) / bucket + 1);
        long[][] buckets = new long[n][3];
        for (Map.Entry<Long, long[]> e : perSecond.entrySet()) {
            long[] into = buckets[(int) ((e.getKey() - first) / bucket)];
            for (int i = 0; i < 3; i++) {
                into[i] += e.getValue()[i];
            }
        }
        long max = 2;
        for (long[] b : buckets) {
            max = Math.max(max, b[0] + b[1] + b[2]);
        }
        // An even top keeps the middle grid line on a whole number.
        max += max % 2;
        int width = 960;
        int height = 220;
        int left = 48;
        int bottom = 28;
        int top = 10;
        double slot = (width - left - 10) / (double) n;
        double barWidth = Math.max(1, slot * 0.8);
        double plot = height - bottom - top;
        boolean days = end - start > 86400;
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern(days ? "MM-dd HH:mm" : "HH:mm:ss").withZone(ZoneOffset.UTC);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"100%\" aria-label=\"decisions over time\">");
        for (int t = 0; t <= 2; t++) {
            double y = top + plot - plot * t / 2.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>",
                    left, width - 10, y, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" class=\"axis\" text-anchor=\"end\">%d</text>",
                    left - 6, y + 4, max * t / 2));
        }
        for (int i = 0; i < n; i++) {
            double x = left + i * slot + (slot - barWidth) / 2;
            double y = top + plot;
            Instant from = Instant.ofEpochSecond(first + i * bucket);
            String title = fmt.format(from) + " + " + human(Duration.ofSeconds(bucket)) + ": "
                    + buckets[i][0] + " " + seriesNames[0] + ", " + buckets[i][1] + " " + seriesNames[1] + ", "
                    + buckets[i][2] + " " + seriesNames[2];
            svg.append("<g><title>").append(Html.text(title)).append("</title>");
            for (int s = 0; s < 3; s++) {
                if (buckets[i][s] == 0) {
                    continue;
                }
                double h = plot * buckets[i][s] / max;
                y -= h;
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>", x, y, barWidth, h,
                        TIMELINE_COLORS[s]));
            }
            svg.append("</g>");
        }
        int labels = Math.min(n, 6);
        for (int l = 0; l < labels; l++) {
            int i = labels == 1 ? 0 : (int) Math.round(l * (n - 1) / (double) (labels - 1));
            double x = left + i * slot + slot / 2;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"axis\" text-anchor=\"middle\">%s</text>",
                    x, height - 8, Html.text(fmt.format(Instant.ofEpochSecond(first + i * bucket)))));
        }
        svg.append("</svg>");
        return svg.append(legend(seriesNames, TIMELINE_COLORS)).append("<p class=\"note\">One bar per ")
                .append(Html.text(human(Duration.ofSeconds(bucket)))).append(", times in UTC.</p>").toString();
    }

    /** Horizontal stacked bars in the order given; one colour per series. */
    static String bars(List<Bar> bars, String[] seriesNames, String[] colors, String ariaLabel) {
        if (bars.isEmpty()) {
            return "<p class=\"empty\">None.</p>";
        }
        long max = 1;
        for (Bar b : bars) {
            long sum = 0;
            for (long v : b.values()) {
                sum += v;
            }
            max = Math.max(max, sum);
        }
        int width = 600;
        int row = 24;
        int labelWidth = 220;
        int captionWidth = 180;
        int height = bars.size() * row + 4;
        double plot = width - labelWidth - captionWidth;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"100%\" aria-label=\"").append(Html.text(ariaLabel)).append("\">");
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = i * row + 2;
            String label = b.label().length() > 30 ? b.label().substring(0, 29) + "\u2026" : b.label();
            svg.append("<g><title>").append(Html.text(b.label() + ": " + b.caption())).append("</title>");
            svg.append("<text x=\"").append(labelWidth - 8).append("\" y=\"").append(y + 16)
                    .append("\" class=\"label\" text-anchor=\"end\">").append(Html.text(label)).append("</text>");
            double x = labelWidth;
            for (int s = 0; s < b.values().length; s++) {
                double w = plot * b.values()[s] / max;
                if (w > 0) {
                    svg.append(String.format(Locale.ROOT,
                            "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>", x, y + 3, Math.max(w, 1.0),
                            row - 8, colors[s]));
                    x += w;
                }
            }
            svg.append("<text x=\"").append(String.format(Locale.ROOT, "%.1f", x + 6)).append("\" y=\"").append(y + 16)
                    .append("\" class=\"value\">").append(Html.text(b.caption())).append("</text></g>");
        }
        svg.append("</svg>");
        return svg.append(legend(seriesNames, colors)).toString();
    }

    private static String legend(String[] names, String[] colors) {
        StringBuilder out = new StringBuilder("<p class=\"legend\">");
        for (int i = 0; i < names.length; i++) {
            out.append("<span><i style=\"background:").append(colors[i]).append("\"></i>")
                    .append(Html.text(names[i])).append("</span>");
        }
        return out.append("</p>").toString();
    }

    static String human(Duration d) {
        long s = d.getSeconds();
        if (s % 86400 == 0) {
            return s / 86400 + (s == 86400 ? " day" : " days");
        }
        if (s % 3600 == 0) {
            return s / 3600 + (s == 3600 ? " hour" : " hours");
        }
        if (s % 60 == 0) {
            return s / 60 + (s == 60 ? " minute" : " minutes");
        }
        return s + (s == 1 ? " second" : " seconds");
    }
}
