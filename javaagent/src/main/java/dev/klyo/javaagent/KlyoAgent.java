package dev.klyo.javaagent;

import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * {@code Premain-Class} and {@code Agent-Class} of klyo.jar. Reads the configuration on a thread
 * of its own ({@code klyo-configure}: the policy is most of start-up) while this one puts the
 * gate on the bootstrap class path (this class must not reference it) and prepares the hooks,
 * then hands over to {@link AgentStartup}. Never lets an exception escape: a failing
 * agent would stop the host JVM.
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
        AgentSettings settings;
        Callable<AgentConfiguration> reading;
        try {
            AgentSettings resolved = AgentSettings.of(args);
            settings = resolved;
            reading = () -> AgentConfiguration.read(resolved);
        } catch (IllegalArgumentException e) {
            // No usable settings: nothing to read; start fails closed as the defaults say.
            AgentConfiguration failed = AgentConfiguration.failed(e.getMessage());
            settings = failed.settings();
            reading = () -> failed;
        }
        FutureTask<AgentConfiguration> configuration = new FutureTask<>(reading);
        Thread configure = new Thread(configuration, "klyo-configure");
        configure.setDaemon(true);
        try {
            configure.start();
        } catch (RuntimeException | OutOfMemoryError noThread) {
            configuration.run();
        }
        warmRevisionDigest();
        Path agentJar = bootstrap(inst);
        if (agentJar == null) {
            return;
        }
        Hooks hooks = Hooks.prepare(Hooks.prepareJdk(inst), settings.flag("debug"));
        AgentConfiguration read;
        try {
            read = Uninterruptibly.get(configuration);
        } catch (ExecutionException e) {
            read = AgentConfiguration.failed("the configuration could not be read: " + e.getCause());
        }
        AgentStartup.start(read, inst, agentJar, hooks);
    }

    /** The agent jar, with the gate on the bootstrap class path; null (reported) when that fails. */
    private static Path bootstrap(Instrumentation inst) {
        try {
            Path agentJar = Path.of(KlyoAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            BootstrapJar.inject(inst, agentJar);
            return agentJar;
        } catch (Exception | LinkageError e) {
            System.err.println("[klyo] ERROR: cannot install the bootstrap gate (" + e
                    + "); the agent is NOT active and nothing is governed");
            return null;
        }
    }

    /**
     * A policy's revision is a SHA-256 of its text: setting up the JDK's security providers for
     * it was a tenth of reading a policy, so it is done here while the policy is read beside.
     */
    private static void warmRevisionDigest() {
        try {
            MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException required) {
            // Every Java platform has it; reading the policy reports it if not.
        }
    }
}
