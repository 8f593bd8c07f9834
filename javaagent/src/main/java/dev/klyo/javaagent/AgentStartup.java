package dev.klyo.javaagent;

import dev.klyo.Klyo;
import dev.klyo.action.AgentContext;
import dev.klyo.action.DnsLookup;
import dev.klyo.action.FileAccess;
import dev.klyo.action.FileOperation;
import dev.klyo.action.HttpRequest;
import dev.klyo.action.NetworkConnect;
import dev.klyo.action.ProcessStart;
import dev.klyo.action.ToolCall;
import dev.klyo.audit.AuditSink;
import dev.klyo.audit.JsonLinesAuditSink;
import dev.klyo.central.CentralPolicy;
import dev.klyo.engine.PolicyEngine;
import dev.klyo.javaagent.bootstrap.Gate;
import dev.klyo.policy.Mode;
import dev.klyo.policy.Policy;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the engine from the {@link AgentConfiguration}, installs the gate, then the hooks — in
 * that order, so there is never a moment where a hook runs without a decider behind it. Byte
 * Buddy, when a hooked library is on the class path, is set up meanwhile on another thread
 * ({@link Hooks#prepare}); it installs nothing until then. A configuration problem never runs open: the agent prints what is wrong (file:line:column for policy and
 * secrets file errors) and runs {@link FailClosedPolicy} (in observe mode when
 * {@code policy.error=observe}), or stops the JVM when {@code policy.error=exit}; never with some
 * of the secrets file's bindings, nor without them.
 */
final class AgentStartup {

    private static final String PREFIX = "[klyo] ";

    private AgentStartup() {
    }

    static void start(AgentConfiguration configuration, Instrumentation inst, Path agentJar, Hooks hooks) {
        AgentSettings settings = configuration.settings();
        if (!configuration.problems().isEmpty()) {
            configuration.problems().forEach(p -> System.err.println(PREFIX + "ERROR: " + p));
            startFailClosed(settings, inst, hooks, agentJar, configuration.policyFile());
            return;
        }
        run(settings, inst, hooks, configuration.policy(), configuration.mode(), configuration.policyFile(), agentJar,
                configuration.central(), configuration.secrets());
    }

    private static void startFailClosed(AgentSettings settings, Instrumentation inst, Hooks hooks,
                                        Path agentJar, Path policyFile) {
        String onError = settings.get("policy.error");
        if ("exit".equals(onError)) {
            System.err.println(PREFIX + "stopping the JVM (policy.error=exit)");
            System.exit(78);
        }
        Mode mode = Mode.ENFORCE;
        if ("observe".equals(onError)) {
            // Chosen by the operator for hosts that must keep working: every action is recorded as
            // a would-be denial of the fail-closed policy, none is blocked.
            mode = Mode.OBSERVE;
            System.err.println(PREFIX + "OBSERVING ONLY (policy.error=observe): nothing is blocked; every governed"
                    + " action is recorded as a would-be denial. Fix the configuration to govern again.");
        } else {
            if (onError != null && !"deny".equals(onError)) {
                System.err.println(PREFIX + "ERROR: policy.error must be deny, observe or exit, not '" + onError
                        + "'; failing closed");
            }
            System.err.println(PREFIX + "FAILING CLOSED: every governed action is denied (reading the JDK, the class"
                    + " path and /proc excepted). Fix the configuration, or set policy.error=observe or exit.");
        }
        run(settings, inst, hooks, FailClosedPolicy.create(agentJar.toString()), mode, policyFile, agentJar, false,
                SecretBindings.NONE);
    }

    private static void run(AgentSettings settings, Instrumentation inst, Hooks hooks, Policy policy,
                            Mode mode, Path policyFile,
                            Path agentJar, boolean central, SecretBindings secrets) {
        try {
            AuditSink audit = AuditSink.NONE;
            List<Thread> klyoThreads = new ArrayList<>();
            Set<String> protectedFiles = new HashSet<>();
            if (policyFile != null) {
                protectedFiles.add(FilePaths.canonical(policyFile));
            }
            if (settings.get("audit") != null) {
                JsonLinesAuditSink sink = new JsonLinesAuditSink(Path.of(settings.get("audit")));
                audit = sink;
                klyoThreads.add(sink.writerThread());
                protectedFiles.add(FilePaths.canonical(sink.file()));
            }
            Klyo klyo;
            CentralPolicy centralPolicy = null;
            String source = String.valueOf(policyFile);
            if (central) {
                CentralStartup.Started started = CentralStartup.start(settings, policy, mode, audit);
                klyo = started.klyo();
                centralPolicy = started.central();
                source = started.source();
                klyoThreads.addAll(started.threads());
                protectedFiles.addAll(started.protectedFiles());
            } else {
                klyo = Klyo.builder().policy(policy).mode(mode).audit(audit)
                        .failOpen(settings.flag("fail.open")).build();
            }
            AgentContext context = new AgentContext(settings.get("principal"), settings.get("agent.id"),
                    settings.get("session.id"), groups(settings.get("groups")));
            EngineDecider decider = new EngineDecider(klyo, context, protectedFiles,
                    settings.flag("debug") ? System.err : null, secrets);
            warmUp(klyo.engine(), context);
            CentralPolicy polling = centralPolicy;
            Thread closer = new Thread(() -> {
                if (polling != null) {
                    polling.close();
                }
                klyo.close();
            }, "klyo-shutdown");
            klyoThreads.add(closer);
            // Observe mode must never block, not even when deciding itself fails.
            boolean open = settings.flag("fail.open") || klyo.policy().mode() == Mode.OBSERVE;
            Gate.install(decider, open, klyoThreads.toArray(new Thread[0]));
            Runtime.getRuntime().addShutdownHook(closer);
            hooks.install(inst);
            System.err.println(PREFIX + "governing this JVM: policy " + klyo.policy().revision() + " from " + source
                    + ", mode " + (mode == null ? klyo.policy().mode() : mode).key()
                    + (settings.get("audit") == null ? ", no audit file" : ", audit " + settings.get("audit"))
                    + (secrets.secrets().isEmpty() ? "" : ", secrets " + secrets.secrets().stream()
                            .map(SecretBindings.Secret::placeholder).toList()));
        } catch (IOException | UnmodifiableClassException | RuntimeException | LinkageError e) {
            System.err.println(PREFIX + "ERROR: the agent could not start (" + e + "); nothing is governed");
            if (settings.flag("debug")) {
                e.printStackTrace();
            }
        }
    }

    /**
     * Decides one action of each kind without auditing, so the classes the hot path needs are
     * loaded now rather than inside advice, where lazy class loading could re-enter a hook.
     */
    private static void warmUp(PolicyEngine engine, AgentContext context) throws IOException {
        engine.decide(HttpRequest.of("GET", "http://klyo.invalid/"));
        engine.decide(new NetworkConnect(context, "klyo.invalid", "127.0.0.1", 1, NetworkConnect.Protocol.TCP));
        engine.decide(new DnsLookup(context, "klyo.invalid"));
        engine.decide(new FileAccess(context, FilePaths.canonical(Path.of(".")), FileOperation.READ));
        engine.decide(new ProcessStart(context, List.of("true"), ""));
        engine.decide(new ToolCall(context, "klyo_warm_up", "", "{}", Map.of()));
    }

    private static Set<String> groups(String value) {
        Set<String> groups = new HashSet<>();
        if (value != null) {
            for (String g : value.split(";")) {
                if (!g.isBlank()) {
                    groups.add(g.trim());
                }
            }
        }
        return groups;
    }
}
