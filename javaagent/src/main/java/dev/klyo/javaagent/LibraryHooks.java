package dev.klyo.javaagent;

import dev.klyo.javaagent.hooks.Hook;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;

/**
 * The {@link Hook}s on libraries, applied by Byte Buddy — which is loaded only when a library it
 * hooks is there. Loading it costs about a second of CPU, so it starts on a thread of its own
 * ({@code klyo-hooks-prepare}) when the application class loader sees a hooked library, and
 * otherwise on the first class that may need it (a library under another class loader). Every
 * class the application loads is first offered to {@link #mayMatch}, which is cheap, so a JVM
 * without these libraries never loads Byte Buddy at all.
 *
 * <p>Only one thread ever sets Byte Buddy up: two threads initialising its classes at once can
 * deadlock on class initialisation. A class that needs it meanwhile waits for that thread, which
 * itself loads nothing but the agent's own classes and the JDK's.
 */
final class LibraryHooks {

    private final List<Hook> hooks;
    private final FutureTask<ClassFileTransformer> byteBuddy;
    private final Map<ClassLoader, boolean[]> seen = new WeakHashMap<>();
    private final ThreadLocal<Boolean> looking = new ThreadLocal<>();
    private final ThreadLocal<Boolean> building = new ThreadLocal<>();

    LibraryHooks(List<Hook> hooks, boolean debug) {
        this.hooks = hooks;
        this.byteBuddy = new FutureTask<>(() -> {
            building.set(Boolean.TRUE);
            try {
                return build(hooks, debug);
            } finally {
                building.remove();
            }
        });
    }

    /** Starts setting Byte Buddy up in the background when {@code loader} sees a hooked library. */
    void prepareFor(ClassLoader loader) {
        for (boolean library : seenBy(loader)) {
            if (library) {
                Thread thread = new Thread(byteBuddy, "klyo-hooks-prepare");
                thread.setDaemon(true);
                try {
                    thread.start();
                } catch (RuntimeException | OutOfMemoryError noThread) {
                    // The first class that needs Byte Buddy sets it up instead.
                }
                return;
            }
        }
    }

    /** False when no hook can apply to the class {@code internalName} of {@code loader}. */
    boolean mayMatch(String internalName, ClassLoader loader) {
        if (internalName.startsWith("dev/klyo/shaded/") || internalName.startsWith("dev/klyo/javaagent/")) {
            return false;  // the agent itself, Byte Buddy included
        }
        String className = internalName.replace('/', '.');
        boolean[] libraries = seenBy(loader);
        for (int i = 0; i < libraries.length; i++) {
            if (hooks.get(i).mayMatch(className, libraries[i])) {
                return true;
            }
        }
        return false;
    }

    byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                     byte[] bytes) throws IllegalClassFormatException {
        if (building.get() != null) {
            // Setting Byte Buddy up defines classes of its own (annotation proxies): they would
            // wait for the set-up they are part of. Nothing the hooks apply to is loaded here.
            return null;
        }
        return transformer().transform(module, loader, name, redefined, domain, bytes);
    }

    private ClassFileTransformer transformer() {
        byteBuddy.run();  // returns at once when it ran, or runs on another thread
        try {
            return Uninterruptibly.get(byteBuddy);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Byte Buddy could not be set up", e.getCause());
        }
    }

    /** Which hooks' libraries {@code loader} sees, looked up once per loader. */
    private boolean[] seenBy(ClassLoader loader) {
        boolean[] libraries;
        synchronized (seen) {
            libraries = seen.get(loader);
        }
        if (libraries != null) {
            return libraries;
        }
        libraries = new boolean[hooks.size()];
        if (looking.get() != null) {
            // The loader loads a class of its own while answering: assume every library.
            Arrays.fill(libraries, true);
            return libraries;
        }
        looking.set(Boolean.TRUE);
        try {
            for (int i = 0; i < libraries.length; i++) {
                libraries[i] = loader != null && loader.getResource(hooks.get(i).library()) != null;
            }
        } finally {
            looking.remove();
        }
        synchronized (seen) {
            seen.put(loader, libraries);
        }
        return libraries;
    }

    private static ClassFileTransformer build(List<Hook> hooks, boolean debug) {
        // Byte Buddy's "safe" mode avoids sun.misc.Unsafe (a warning on Java 24+); the hooks need
        // none of what it turns off. The name is relocated with Byte Buddy, so only the agent's copy reads it.
        System.setProperty("net.bytebuddy.safe", "true");
        ClassLoader agentLoader = LibraryHooks.class.getClassLoader();
        // Advice only rewrites the bodies of declared methods: the full method graph (every
        // inherited method, resolved from the super types' class files) is never needed.
        ByteBuddy byteBuddy = new ByteBuddy()
                .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
                .with(TypeValidation.DISABLED);
        AgentBuilder builder = new AgentBuilder.Default(byteBuddy)
                .disableClassFormatChanges()
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                .with(new Errors(debug));
        for (Hook hook : hooks) {
            AgentBuilder.Transformer.ForAdvice transformer = new AgentBuilder.Transformer.ForAdvice().include(agentLoader);
            for (Hook.Advised advised : hook.advice()) {
                transformer = transformer.advice(advised.methods(), advised.adviceClass());
            }
            builder = builder.type(hook.type()).transform(transformer);
        }
        return builder.makeRaw();
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
