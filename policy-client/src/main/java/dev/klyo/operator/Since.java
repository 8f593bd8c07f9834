package dev.klyo.operator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads a point in time as an operator types it: an ISO instant ({@code 2026-11-22T07:00:00Z}),
 * a local date-time or date (this machine's zone), or an age ({@code 90s}, {@code 15m},
 * {@code 2h}, {@code 7d}) counted back from now.
 */
final class Since implements CommandLine.ITypeConverter<Instant> {

    private static final Pattern AGE = Pattern.compile("(\\d+)\\s*([smhd])");

    private final Clock clock;

    Since() {
        this(Clock.systemDefaultZone());
    }

    Since(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Instant convert(String value) {
        String v = value.trim();
        Matcher age = AGE.matcher(v.toLowerCase(Locale.ROOT));
        if (age.matches()) {
            long n = Long.parseLong(age.group(1));
            Duration d = switch (age.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return clock.instant().minus(d);
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException notInstant) {
            try {
                return LocalDateTime.parse(v).atZone(clock.getZone()).toInstant();
            } catch (DateTimeParseException notDateTime) {
                try {
                    return LocalDate.parse(v).atStartOfDay(clock.getZone()).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new CommandLine.TypeConversionException("'" + value
                            + "' is not a time: use 2026-11-22T07:00:00Z, 2026-11-22T08:00, 2026-11-22 or an age like 15m, 2h, 7d");
                }
            }
        }
    }
}
