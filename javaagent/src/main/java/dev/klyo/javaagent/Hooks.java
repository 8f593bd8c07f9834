package dev.klyo.javaagent;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import dev.klyo.javaagent.hooks.AsyncSocketChannelHook;
import dev.klyo.javaagent.hooks.DnsHook;
import dev.klyo.javaagent.hooks.FileMethodsHook;
import dev.klyo.javaagent.hooks.FileStreamsHook;
import dev.klyo.javaagent.hooks.Hook;
import dev.klyo.javaagent.hooks.HttpUrlConnectionHook;
import dev.klyo.javaagent.hooks.JdkHttpClientHook;
import dev.klyo.javaagent.hooks.JdkHttpRedirectHook;
import dev.klyo.javaagent.hooks.JdbcHook;
import dev.klyo.javaagent.hooks.LangChain4jMcpClientHook;
import dev.klyo.javaagent.hooks.LangChain4jToolHook;
import dev.klyo.javaagent.hooks.McpClientToolHook;
import dev.klyo.javaagent.hooks.NioProviderHook;
import dev.klyo.javaagent.hooks.OkHttpHook;
import dev.klyo.javaagent.hooks.ApacheHttpClientHook;
import dev.klyo.javaagent.hooks.ProcessHook;
import dev.klyo.javaagent.hooks.SocketChannelHook;
import dev.klyo.javaagent.hooks.SocketHook;
import dev.klyo.javaagent.hooks.SpringAiToolCallbackHook;
import dev.klyo.javaagent.hooks.UdpHook;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs every {@link Hook} with one Byte Buddy agent builder. JDK classes are already
 * loaded, so they are retransformed; advice is inlined without changing any class's shape, so
 * other agents' changes survive and retransformation never adds fields or methods.
 */
final class Hooks {

    static final List<Hook> ALL = List.of(
            new HttpUrlConnectionHook(), new JdkHttpClientHook(), new JdkHttpRedirectHook(),
            new SocketHook(), new SocketChannelHook(), new AsyncSocketChannelHook(), new UdpHook(), new DnsHook(),
            new FileStreamsHook(), new FileMethodsHook(), new NioProviderHook(), new ProcessHook(),
            new OkHttpHook(), new ApacheHttpClientHook(), new LangChain4jToolHook(),
            new JdbcHook(), new McpClientToolHook(), new SpringAiToolCallbackHook(), new LangChain4jMcpClientHook());

    private Hooks() {
    }

    /**
     * Starts building the agent builder on a thread of its own, so Byte Buddy's set-up (loading
     * some two thousand classes, and generating one class the first time a transformer is made)
     * overlaps with reading the policy. Nothing is installed: no hook runs before {@link #install}.
     */
    static Future<AgentBuilder> prepare() {
        FutureTask<AgentBuilder> task = new FutureTask<>(Hooks::builder);
        Thread thread = new Thread(task, "klyo-hooks-prepare");
        thread.setDaemon(true);
        try {
            thread.start();
        } catch (RuntimeException | OutOfMemoryError noThread) {
            // No thread to spare: prepare on this one, or install would wait forever.
            task.run();
        }
        return task;
    }

    /** Installs the prepared hooks; called only once the gate has its decider. */
    static void install(Instrumentation inst, Future<AgentBuilder> prepared, boolean debug) {
        awaitUninterruptibly(prepared).with(new Errors(debug)).installOn(inst);
    }

    private static AgentBuilder builder() {
        // Byte Buddy's "safe" mode avoids sun.misc.Unsafe (a warning on Java 24+); the hooks need
        // none of what it turns off. The name is relocated with Byte Buddy, so only the agent's copy reads it.
        System.setProperty("net.bytebuddy.safe", "true");
        ClassLoader agentLoader = Hooks.class.getClassLoader();
        // Advice only rewrites the bodies of declared methods: the full method graph (every
        // inherited method, resolved from the super types' class files) is never needed, and
        // computing it for each hooked JDK class cost about a second of start-up on a busy machine.
        ByteBuddy byteBuddy = new ByteBuddy()
                .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
                .with(TypeValidation.DISABLED);
        AgentBuilder builder = new AgentBuilder.Default(byteBuddy)
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                // Byte Buddy ignores JDK classes by default; the hooks name theirs explicitly.
                .ignore(nameStartsWith("net.bytebuddy.").or(nameStartsWith("dev.klyo.shaded."))
                        .or(nameStartsWith("dev.klyo.javaagent.")));
        AgentBuilder.PoolStrategy adviceTypes = new JdkLoaderCache();
        for (Hook hook : ALL) {
            preload(hook.typeNames());
            AgentBuilder.Transformer.ForAdvice transformer = new AgentBuilder.Transformer.ForAdvice()
                    .include(agentLoader)
                    .with(adviceTypes);
            for (Hook.Advised advised : hook.advice()) {
                transformer = transformer.advice(advised.methods(), advised.adviceClass());
            }
            builder = builder.type(hook.type()).transform(transformer);
        }
        // The transformer made here is never registered; making it runs Byte Buddy's one-time
        // class generation now, on this thread, instead of inside install.
        builder.makeRaw();
        return builder;
    }

    private static AgentBuilder awaitUninterruptibly(Future<AgentBuilder> prepared) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return prepared.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("preparing the hooks failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Loads the hooked JDK classes before installing. A class first loaded while Byte Buddy is
     * retransforming another one (java.net.Socket is, on Java 25) is skipped by Byte Buddy's
     * circularity guard and would never be hooked.
     */
    private static void preload(List<String> typeNames) {
        for (String name : typeNames) {
            try {
                Class.forName(name, false, ClassLoader.getPlatformClassLoader());
            } catch (ClassNotFoundException | LinkageError notJdk) {
                // A library class (OkHttp, Apache): hooked when the application loads it.
            }
        }
    }

    /**
     * Describes advice classes (and the types they name) once for all JDK classes hooked, not
     * once per hooked class as Byte Buddy does by default. Only for the bootstrap and platform
     * loaders: they never unload, and what is described through them (advice classes in the agent
     * jar, JDK types) never changes. Any other loader gets a fresh pool each time, as by default,
     * so no application class loader is ever kept.
     */
    private static final class JdkLoaderCache implements AgentBuilder.PoolStrategy {
        private final TypePool.CacheProvider bootstrap = new TypePool.CacheProvider.Simple();
        private final TypePool.CacheProvider platform = new TypePool.CacheProvider.Simple();

        @Override
        public TypePool typePool(ClassFileLocator locator, ClassLoader loader) {
            if (loader == null) {
                return new TypePool.Default.WithLazyResolution(bootstrap, locator, TypePool.Default.ReaderMode.FAST);
            }
            if (loader == ClassLoader.getPlatformClassLoader()) {
                return new TypePool.Default.WithLazyResolution(platform, locator, TypePool.Default.ReaderMode.FAST);
            }
            return AgentBuilder.PoolStrategy.Default.FAST.typePool(locator, loader);
        }

        @Override
        public TypePool typePool(ClassFileLocator locator, ClassLoader loader, String name) {
            return typePool(locator, loader);
        }
    }

    /** A hook that cannot be applied is reported, never silently skipped. */
    private static final class Errors extends AgentBuilder.Listener.Adapter {
        private final boolean debug;

        Errors(boolean debug) {
            this.debug = debug;
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable t) {
            System.err.println("[klyo] ERROR: could not hook " + typeName + ": " + t);
            if (debug) {
                t.printStackTrace();
            }
        }

        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                     DynamicType dynamicType) {
            if (debug) {
                System.err.println("[klyo] hooked " + type.getName());
            }
        }
    }

}
