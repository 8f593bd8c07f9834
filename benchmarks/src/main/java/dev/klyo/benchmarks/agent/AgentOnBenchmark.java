package dev.klyo.benchmarks.agent;

import org.openjdk.jmh.annotations.Fork;

/**
 * The same calls governed by the real agent with an allow-everything policy: every call is
 * decided (and none denied), files after canonicalising their path, since {@code allow-all.yaml}
 * has a file rule. Paths are relative to the repository root, where the documented command runs;
 * no audit file, so the numbers are the decision's cost, not the disk's.
 */
@Fork(value = 1, jvmArgsAppend = {"-Dsun.net.httpserver.nodelay=true",
        "-javaagent:javaagent/target/klyo.jar=policy=benchmarks/src/main/java/dev/klyo/benchmarks/agent/allow-all.yaml"})
public class AgentOnBenchmark extends AgentWorkload {
}
