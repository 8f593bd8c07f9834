package dev.klyo.benchmarks;

import com.cedarpolicy.model.exception.AuthException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Average time for one decision, per engine, on the same workloads. Each invocation decides all
 * of a workload's probes (allowed by different rule shapes, denied, defaulted), so the reported
 * time is the mean over that mix, not the best case. The defaults keep a full run of all 54
 * cases near a quarter of an hour; command-line options override them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DecisionBenchmark {

    @Benchmark
    @OperationsPerInvocation(Workload.PROBES)
    public void klyo(KlyoState s, Blackhole bh) {
        for (int i = 0; i < Workload.PROBES; i++) {
            bh.consume(s.engine.decide(s.actions[i]));
        }
    }

    @Benchmark
    @OperationsPerInvocation(Workload.PROBES)
    public void cedar(CedarState s, Blackhole bh) throws AuthException {
        for (int i = 0; i < Workload.PROBES; i++) {
            bh.consume(s.decide(i));
        }
    }

    @Benchmark
    @OperationsPerInvocation(Workload.PROBES)
    public void jcasbin(CasbinState s, Blackhole bh) {
        for (int i = 0; i < Workload.PROBES; i++) {
            bh.consume(s.decide(i));
        }
    }
}
