package dev.klyo.javaagent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the gate classes ({@code dev.klyo.javaagent.bootstrap}) on the bootstrap class path.
 * Advice inlined into JDK classes resolves types through the bootstrap loader only; the class
 * loader that loaded the agent delegates to it, so agent and advice then share one gate.
 * Must run before anything touches a gate class. The classes are copied into a small jar of
 * their own so the rest of the agent stays off the bootstrap path.
 */
final class BootstrapJar {

    static final String PACKAGE = "dev/klyo/javaagent/bootstrap/";

    private BootstrapJar() {
    }

    static void inject(Instrumentation inst, Path agentJar) throws IOException, ClassNotFoundException {
        Path jar = Files.createTempFile("klyo-bootstrap-", ".jar");
        List<String> classes = new ArrayList<>();
        try (JarFile source = new JarFile(agentJar.toFile());
             OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file)) {
            Enumeration<JarEntry> entries = source.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().startsWith(PACKAGE) && entry.getName().endsWith(".class")) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    classes.add(entry.getName().substring(0, entry.getName().length() - ".class".length()).replace('/', '.'));
                    try (InputStream in = source.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
        // Load every gate class now: the VM then holds the jar open and the file can go, so no
        // temporary file outlives startup and nothing has to delete it at exit (when hooks run).
        for (String name : classes) {
            Class.forName(name, false, null);
        }
        Files.delete(jar);
    }
}
