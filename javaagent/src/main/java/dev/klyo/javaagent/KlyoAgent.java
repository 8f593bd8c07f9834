package dev.klyo.javaagent;

import java.lang.instrument.Instrumentation;
import java.nio.file.Path;

/**
 * {@code Premain-Class} and {@code Agent-Class} of klyo.jar. Puts the gate on the bootstrap
 * class path first (this class must not reference it), then hands over to {@link AgentStartup}.
 * Never lets an exception escape: a failing agent would stop the host JVM.
 */
public final class KlyoAgent {

    private KlyoAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
        start(args, inst);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst);
    }

    private static void start(String args, Instrumentation inst) {
        Path agentJar;
        try {
            agentJar = Path.of(KlyoAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            BootstrapJar.inject(inst, agentJar);
        } catch (Exception | LinkageError e) {
            System.err.println("[klyo] ERROR: cannot install the bootstrap gate (" + e
                    + "); the agent is NOT active and nothing is governed");
            return;
        }
        AgentStartup.start(args, inst, agentJar);
    }
}
