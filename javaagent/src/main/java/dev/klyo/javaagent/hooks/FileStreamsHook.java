package dev.klyo.javaagent.hooks;

import dev.klyo.javaagent.bootstrap.Gate;
import java.io.File;

/**
 * java.io opens: the {@code File} constructors of {@code FileInputStream},
 * {@code FileOutputStream(File, boolean)} and {@code RandomAccessFile(File, String, boolean)},
 * which every other constructor (String names, FileReader, FileWriter, ZipFile) delegates to.
 * A denial is a {@code FileNotFoundException}, as the JDK reports an open the OS refuses.
 * Asks: file read or write on the canonical path.
 */
public final class FileStreamsHook implements JdkHook {

    private final String type;
    private final Class<?>[] parameters;

    private FileStreamsHook(String type, Class<?>... parameters) {
        this.type = type;
        this.parameters = parameters;
    }

    public static FileStreamsHook input() {
        return new FileStreamsHook("java/io/FileInputStream", File.class);
    }

    public static FileStreamsHook output() {
        return new FileStreamsHook("java/io/FileOutputStream", File.class, boolean.class);
    }

    public static FileStreamsHook randomAccess() {
        return new FileStreamsHook("java/io/RandomAccessFile", File.class, String.class, boolean.class);
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public boolean hooks(int access, String name, String descriptor) {
        return name.equals("<init>") && JdkHook.takes(descriptor, parameters);
    }

    @Override
    public void onEnter(Code code) {
        if (parameters.length == 3) {
            code.arg(0).arg(1).gate("randomAccess", File.class, String.class);
        } else {
            code.arg(0).constant(parameters.length == 1 ? Gate.READ : Gate.WRITE).gate("stream", File.class, int.class);
        }
    }
}
