package dev.klyo.benchmarks.agent;

import org.openjdk.jmh.annotations.Fork;

/**
 * The agent with {@code no-file-rules.yaml}: {@code allow-all.yaml} without its file rule. No
 * file rule can then tell two paths apart, so allowed reads skip canonicalising the path (see
 * docs/benchmarks.md); everything else is decided as under {@link AgentOnBenchmark}.
 */
@Fork(value = 1, jvmArgsAppend = {"-Dsun.net.httpserver.nodelay=true",
        "-javaagent:javaagent/target/klyo.jar=policy=benchmarks/src/main/java/dev/klyo/benchmarks/agent/no-file-rules.yaml"})
public class AgentOnNoFileRulesBenchmark extends AgentWorkload {
}
