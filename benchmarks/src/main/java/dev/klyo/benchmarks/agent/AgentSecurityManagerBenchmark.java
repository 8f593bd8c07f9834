package dev.klyo.benchmarks.agent;

import org.openjdk.jmh.annotations.Fork;

/**
 * The same calls under the JDK SecurityManager with {@code security-manager.policy}, the
 * permissions {@code allow-all.yaml} grants. Java 17 to 23 only (18 to 23 with a deprecation
 * warning): Java 24 and later refuse to start with a SecurityManager (JEP 486), so exclude this
 * class there ({@code -e SecurityManager}).
 */
@Fork(value = 1, jvmArgsAppend = {"-Dsun.net.httpserver.nodelay=true", "-Djava.security.manager",
        "-Djava.security.policy==benchmarks/src/main/java/dev/klyo/benchmarks/agent/security-manager.policy"})
public class AgentSecurityManagerBenchmark extends AgentWorkload {
}
