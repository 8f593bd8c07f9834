package dev.klyo.benchmarks.redact;

import dev.klyo.redact.Detectors;
import dev.klyo.redact.Redactor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Redaction throughput on a 1 MiB JSON body with all built-in detectors, next to plain scans of
 * the same body. One operation processes the whole body, so ops/s reads as MiB/s. Results and
 * the command line are in docs/detectors.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedactionBenchmark {

    @Param({"none", "many"})
    public String findings;

    private String body;
    private Redactor redactor;
    private Pattern awsKey;

    @Setup
    public void setUp() {
        body = RedactionBodies.json(findings.equals("many"));
        redactor = new Redactor(Detectors.builtIn().values());
        awsKey = Pattern.compile("AKIA[A-Z0-9]{16}");
        // Measure real work only: a clean body comes back untouched, a dirty one with every item redacted.
        String redacted = redactor.redactJson(body);
        int markers = redacted.split("\\[REDACTED:", -1).length - 1;
        int items = body.split("\"sku\"", -1).length - 1;
        if (findings.equals("none") ? redacted != body : markers != RedactionBodies.FINDINGS_PER_ITEM * items) {
            throw new IllegalStateException("unexpected redaction result: " + markers + " markers for " + items + " items");
        }
    }

    /** JSON-aware redaction: what an HTTP body with Content-Type application/json goes through. */
    @Benchmark
    public String redactJson() {
        return redactor.redactJson(body);
    }

    /** Plain-text redaction of the same characters. */
    @Benchmark
    public String redactText() {
        return redactor.redact(body);
    }

    /** Baseline: one {@code String.indexOf} over the body for a needle that is not there. */
    @Benchmark
    public int baselineIndexOf() {
        return body.indexOf("AKIA0000000000000000");
    }

    /** Baseline: one compiled {@code java.util.regex} pattern (an AWS access key) scanned over the body. */
    @Benchmark
    public int baselineSingleRegex() {
        Matcher m = awsKey.matcher(body);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
