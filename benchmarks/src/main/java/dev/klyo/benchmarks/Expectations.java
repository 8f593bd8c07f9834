package dev.klyo.benchmarks;

import dev.klyo.benchmarks.Workload.Outcome;
import dev.klyo.benchmarks.Workload.Probe;

/**
 * Guards the benchmark against measuring a broken translation: each engine's state checks every
 * probe's answer during setup and the run stops before any measurement if one is wrong.
 */
final class Expectations {

    private Expectations() {
    }

    static void check(String engine, Workload workload, Probe probe, Outcome actual) {
        Outcome expected = probe.expected(workload.conditions());
        if (expected != actual) {
            throw new IllegalStateException(engine + " decided " + actual + " for '" + probe.label() + "' ("
                    + probe.target() + ", principal " + probe.principal() + ") in the " + workload.kind() + " workload with "
                    + workload.rules().size() + " rules" + (workload.conditions() ? " and conditions" : "")
                    + "; expected " + expected);
        }
    }
}
