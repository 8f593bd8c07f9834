package dev.klyo.javaagent;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;

/**
 * The agent's one class file transformer: JDK classes (bootstrap and platform loaders) go to
 * {@link JdkClassHooks}, every other class to {@link LibraryHooks} when one of its hooks may
 * apply. A failure leaves the class as it was and is reported: it can never stop a class from
 * loading.
 */
final class ClassHooks implements ClassFileTransformer {

    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    private final JdkClassHooks jdk;
    private final LibraryHooks libraries;
    private final boolean debug;

    ClassHooks(JdkClassHooks jdk, LibraryHooks libraries, boolean debug) {
        this.jdk = jdk;
        this.libraries = libraries;
        this.debug = debug;
    }

    /** True for a class of the JDK's own loaders, whatever its name. */
    static boolean jdkLoader(ClassLoader loader) {
        return loader == null || loader == PLATFORM;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                            ProtectionDomain domain, byte[] bytes) {
        if (name == null) {
            return null;
        }
        try {
            if (jdkLoader(loader)) {
                byte[] hooked = jdk.rewrite(name, bytes);
                if (debug && hooked != null) {
                    System.err.println("[klyo] hooked " + name.replace('/', '.'));
                }
                return hooked;
            }
            return libraries.mayMatch(name, loader)
                    ? libraries.transform(module, loader, name, redefined, domain, bytes) : null;
        } catch (Throwable t) {
            System.err.println("[klyo] ERROR: could not hook " + name.replace('/', '.') + ": " + t
                    + "; it is NOT governed");
            return null;
        }
    }
}
