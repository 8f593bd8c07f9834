package dev.klyo.audit.export;

import dev.klyo.audit.AuditSink;
import dev.klyo.central.Durations;
import io.opentelemetry.api.GlobalOpenTelemetry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Audit export sinks from a flat settings map (the javaagent's {@code key=value} arguments):
 * {@code otel=true}, {@code auditUrl=…} with {@code auditSpool=…}, {@code auditRotateFile=…} with
 * {@code auditRotateBytes} and {@code auditRotateKeep}. Documented in {@code docs/central-policy.md}.
 */
public final class AuditExport {

    public static final String OTEL = "otel";
    public static final String AUDIT_URL = "auditUrl";
    public static final String AUDIT_SPOOL = "auditSpool";
    public static final String AUDIT_BATCH = "auditBatch";
    public static final String AUDIT_QUEUE = "auditQueue";
    public static final String AUDIT_SPOOL_BYTES = "auditSpoolBytes";
    public static final String AUDIT_RETRY_MAX = "auditRetryMax";
    public static final String ROTATE_FILE = "auditRotateFile";
    public static final String ROTATE_BYTES = "auditRotateBytes";
    public static final String ROTATE_KEEP = "auditRotateKeep";

    private AuditExport() {
    }

    /** The sinks the settings ask for (possibly none). The caller owns and closes them. */
    public static List<AuditSink> sinks(Map<String, String> s) throws IOException {
        List<AuditSink> sinks = new ArrayList<>();
        if (Boolean.parseBoolean(s.getOrDefault(OTEL, "false"))) {
            sinks.add(new OpenTelemetryAuditSink(GlobalOpenTelemetry.get()));
        }
        if (s.containsKey(ROTATE_FILE)) {
            sinks.add(new RotatingJsonLinesAuditSink(Path.of(s.get(ROTATE_FILE)),
                    Long.parseLong(s.getOrDefault(ROTATE_BYTES, String.valueOf(64L << 20))),
                    Integer.parseInt(s.getOrDefault(ROTATE_KEEP, "5"))));
        }
        if (s.containsKey(AUDIT_URL)) {
            HttpAuditShipper.Settings defaults = HttpAuditShipper.Settings.of(URI.create(s.get(AUDIT_URL)),
                    Path.of(s.getOrDefault(AUDIT_SPOOL, Path.of(System.getProperty("user.home"), ".klyo", "spool").toString())));
            HttpAuditShipper shipper = new HttpAuditShipper(defaults
                    .withBounds(Integer.parseInt(s.getOrDefault(AUDIT_QUEUE, String.valueOf(defaults.queueCapacity()))),
                            Integer.parseInt(s.getOrDefault(AUDIT_BATCH, String.valueOf(defaults.batchSize()))),
                            Long.parseLong(s.getOrDefault(AUDIT_SPOOL_BYTES, String.valueOf(defaults.maxSpoolBytes()))))
                    .withRetry(defaults.retryMin(), Durations.parse(s.getOrDefault(AUDIT_RETRY_MAX, "30s"))));
            sinks.add(shipper);
            if (Boolean.parseBoolean(s.getOrDefault(OTEL, "false"))) {
                OpenTelemetryAuditSink.observeDropped(GlobalOpenTelemetry.get(), "http", shipper::dropped);
            }
        }
        return sinks;
    }
}
