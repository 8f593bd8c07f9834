package dev.klyo.benchmarks;

import java.util.Locale;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The JMH parameters every engine's state shares, so one run crosses all engines with the same
 * kinds, rule counts and condition settings.
 */
@State(Scope.Benchmark)
public abstract class WorkloadParams {

    @Param({"network", "file", "tool"})
    public String kind;

    @Param({"10", "1000", "10000"})
    public int rules;

    /** {@code yes}: every rule carries a condition on the principal (CEL {@code when:} in Klyo). */
    @Param({"no", "yes"})
    public String conditions;

    protected Workload workload() {
        return Workloads.of(Workload.Kind.valueOf(kind.toUpperCase(Locale.ROOT)), rules, "yes".equals(conditions));
    }
}
