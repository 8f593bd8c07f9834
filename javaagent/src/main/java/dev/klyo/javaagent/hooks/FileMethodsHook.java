package dev.klyo.javaagent.hooks;

import dev.klyo.javaagent.bootstrap.Gate;
import java.io.File;
import java.util.Map;

/**
 * {@code java.io.File} operations that change or list the file system: delete, mkdir
 * (mkdirs calls it per directory), createNewFile, renameTo (a delete of the source and a
 * create of the target), the private {@code normalizedList} behind every {@code list} and
 * {@code listFiles}, and the attribute setters. A denial is a {@code SecurityException}
 * ({@code KlyoDeniedException}), as the SecurityManager threw from the same methods.
 */
public final class FileMethodsHook implements JdkHook {

    /** The no-argument methods, by the operation they are. */
    private static final Map<String, Integer> OPERATIONS = Map.of(
            "delete", Gate.DELETE, "mkdir", Gate.CREATE, "createNewFile", Gate.CREATE,
            "normalizedList", Gate.LIST, "setReadOnly", Gate.ATTRIBUTES);

    @Override
    public String type() {
        return "java/io/File";
    }

    @Override
    public boolean hooks(int access, String name, String descriptor) {
        return OPERATIONS.containsKey(name) && JdkHook.arity(descriptor) == 0
                || name.equals("renameTo") && JdkHook.takes(descriptor, File.class)
                || name.equals("setLastModified")
                || (name.equals("setWritable") || name.equals("setReadable") || name.equals("setExecutable"))
                        && JdkHook.arity(descriptor) == 2;
    }

    @Override
    public void onEnter(Code code) {
        if (code.name().equals("renameTo")) {
            code.self().arg(0).gate("rename", File.class, File.class);
        } else {
            code.self().constant(OPERATIONS.getOrDefault(code.name(), Gate.ATTRIBUTES)).gate("file", File.class, int.class);
        }
    }
}
