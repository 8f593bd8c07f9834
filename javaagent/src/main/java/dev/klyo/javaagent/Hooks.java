package dev.klyo.javaagent;

import dev.klyo.javaagent.hooks.ApacheHttpClientHook;
import dev.klyo.javaagent.hooks.AsyncSocketChannelHook;
import dev.klyo.javaagent.hooks.DnsHook;
import dev.klyo.javaagent.hooks.FileMethodsHook;
import dev.klyo.javaagent.hooks.FileStreamsHook;
import dev.klyo.javaagent.hooks.Hook;
import dev.klyo.javaagent.hooks.HttpUrlConnectionHook;
import dev.klyo.javaagent.hooks.JdbcHook;
import dev.klyo.javaagent.hooks.JdkHook;
import dev.klyo.javaagent.hooks.JdkHttpClientHook;
import dev.klyo.javaagent.hooks.JdkHttpRedirectHook;
import dev.klyo.javaagent.hooks.LangChain4jMcpClientHook;
import dev.klyo.javaagent.hooks.LangChain4jToolHook;
import dev.klyo.javaagent.hooks.McpClientToolHook;
import dev.klyo.javaagent.hooks.NioProviderHook;
import dev.klyo.javaagent.hooks.OkHttpHook;
import dev.klyo.javaagent.hooks.ProcessHook;
import dev.klyo.javaagent.hooks.SocketChannelHook;
import dev.klyo.javaagent.hooks.SocketHook;
import dev.klyo.javaagent.hooks.SpringAiToolCallbackHook;
import dev.klyo.javaagent.hooks.UdpHook;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every hook, and installing them: one transformer ({@link ClassHooks}), then the classes already
 * loaded retransformed.
 */
final class Hooks {

    static final List<JdkHook> JDK = List.of(
            new HttpUrlConnectionHook(), new JdkHttpClientHook(), new JdkHttpRedirectHook(),
            new SocketHook(), new SocketChannelHook(), new AsyncSocketChannelHook(), new UdpHook(), new DnsHook(),
            FileStreamsHook.input(), FileStreamsHook.output(), FileStreamsHook.randomAccess(), new FileMethodsHook(),
            NioProviderHook.unixProvider(), NioProviderHook.abstractProvider(), new ProcessHook());

    static final List<Hook> LIBRARIES = List.of(
            new OkHttpHook(), new ApacheHttpClientHook(), new LangChain4jToolHook(), new JdbcHook(),
            new McpClientToolHook(), new SpringAiToolCallbackHook(), new LangChain4jMcpClientHook());

    private final JdkClassHooks jdk;
    private final LibraryHooks libraries;
    private final boolean debug;

    private Hooks(JdkClassHooks jdk, LibraryHooks libraries, boolean debug) {
        this.jdk = jdk;
        this.libraries = libraries;
        this.debug = debug;
    }

    /**
     * The JDK hooks, with the JDK classes already loaded rewritten now, while the configuration
     * is read on another thread, so installing them costs no more than the retransformation.
     */
    static JdkClassHooks prepareJdk(Instrumentation inst) {
        JdkClassHooks jdk = new JdkClassHooks(JDK, System.err::println);
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : inst.getAllLoadedClasses()) {
            if (ClassHooks.jdkLoader(type.getClassLoader()) && jdk.hooks(type.getName())) {
                loaded.add(type);
            }
        }
        jdk.prepare(loaded);
        return jdk;
    }

    /** Every hook, with Byte Buddy set up in the background if the class path has a hooked library. */
    static Hooks prepare(JdkClassHooks jdk, boolean debug) {
        LibraryHooks libraries = new LibraryHooks(LIBRARIES, debug);
        libraries.prepareFor(ClassLoader.getSystemClassLoader());
        return new Hooks(jdk, libraries, debug);
    }

    /**
     * Installs every hook; called only once the gate has its decider. Classes loaded from now on
     * are hooked as they load; those already loaded (most hooked JDK classes, and any library class
     * when the agent is attached late) are retransformed.
     */
    void install(Instrumentation inst) throws UnmodifiableClassException {
        inst.addTransformer(new ClassHooks(jdk, libraries, debug), true);
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : inst.getAllLoadedClasses()) {
            ClassLoader loader = type.getClassLoader();
            boolean hooked = ClassHooks.jdkLoader(loader)
                    ? jdk.hooks(type.getName())
                    : libraries.mayMatch(type.getName().replace('.', '/'), loader);
            if (hooked && inst.isModifiableClass(type)) {
                loaded.add(type);
            }
        }
        if (!loaded.isEmpty()) {
            inst.retransformClasses(loaded.toArray(new Class<?>[0]));
        }
    }
}
