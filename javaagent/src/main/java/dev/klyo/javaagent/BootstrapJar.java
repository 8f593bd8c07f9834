package dev.klyo.javaagent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
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
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    private BootstrapJar() {
    }

    static void inject(Instrumentation inst, Path agentJar) throws IOException, ClassNotFoundException {
        Path jar = newFile();
        List<String> classes = new ArrayList<>();
        try (JarFile source = new JarFile(agentJar.toFile());
             OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file)) {
            Enumeration<JarEntry> entries = source.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().startsWith(PACKAGE) && entry.getName().endsWith(".class")) {
                    JarEntry copy = new JarEntry(entry.getName());
                    // A time of our own: the default (now) costs loading the time-zone database.
                    copy.setTimeLocal(FIXED_TIME);
                    out.putNextEntry(copy);
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

    /**
     * A new file only this user can read, named without {@code Files.createTempFile}, whose
     * random name costs initialising {@code SecureRandom} at start-up. Created exclusively
     * ({@code O_EXCL}, never through a link), so a name someone else chose first is skipped.
     */
    private static Path newFile() throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        // No pid: asking for it starts the JDK's process-handle machinery, a cost of its own.
        String prefix = "klyo-bootstrap-" + System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            Path file = dir.resolve(prefix + "-" + attempt + ".jar");
            try {
                return Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException taken) {
                if (attempt == 100) {
                    throw taken;
                }
            } catch (UnsupportedOperationException notPosix) {
                return Files.createFile(file);
            }
        }
    }
}
