package dev.klyo.operator;

import dev.klyo.audit.AuditEvent;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One audit event as one aligned terminal line. Columns have fixed widths so a followed log
 * stays aligned as events arrive; long values are cut with an ellipsis, except the target,
 * which comes last and is never cut (it is what the operator is looking for).
 */
final class LogFormat {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int[] WIDTHS = {24, 12, 7, 16, 12, 28};

    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RESET = "\u001b[0m";

    private final boolean color;

    LogFormat(boolean color) {
        this.color = color;
    }

    String header() {
        return row("TIME", "OUTCOME", "KIND", "AGENT", "SESSION", "RULE", "TARGET");
    }

    String line(AuditEvent e) {
        String outcome = Outcome.of(e);
        String target = Terminal.printable(e.target());
        if ("deny".equals(e.effect()) && e.message() != null && !e.message().isEmpty()) {
            target += "  (" + Terminal.printable(e.message()) + ")";
        }
        String text = row(TIME.format(e.timestamp()), outcome, e.kind(), e.agentId(), e.sessionId(), e.ruleId(), target);
        if (!color) {
            return text;
        }
        return switch (outcome) {
            case "denied" -> RED + text + RESET;
            case "would-deny", "would-redact", "redacted" -> YELLOW + text + RESET;
            default -> text;
        };
    }

    private static String row(String... cells) {
        StringBuilder out = new StringBuilder(160);
        for (int i = 0; i < WIDTHS.length; i++) {
            out.append(fit(Terminal.printable(cells[i]), WIDTHS[i])).append(' ');
        }
        return out.append(cells[WIDTHS.length]).toString();
    }

    private static String fit(String value, int width) {
        if (value.length() > width) {
            return value.substring(0, width - 1) + "\u2026";
        }
        return value + " ".repeat(width - value.length());
    }
}
