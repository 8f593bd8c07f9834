package dev.klyo.benchmarks.agent;

import org.openjdk.jmh.annotations.Fork;

/** The baseline: the same calls with no agent and no SecurityManager. */
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
public class AgentOffBenchmark extends AgentWorkload {
}
