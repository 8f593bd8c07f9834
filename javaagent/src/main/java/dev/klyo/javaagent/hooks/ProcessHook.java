package dev.klyo.javaagent.hooks;

import java.lang.reflect.Modifier;

/**
 * Every process start: {@code ProcessBuilder.start}, {@code Runtime.exec} and pipelines all
 * pass through the static {@code java.lang.ProcessImpl.start}, which already declares
 * {@code IOException}. Asks: process start with the full command line and directory.
 */
public final class ProcessHook implements JdkHook {

    @Override
    public String type() {
        return "java/lang/ProcessImpl";
    }

    @Override
    public boolean hooks(int access, String name, String descriptor) {
        return name.equals("start") && Modifier.isStatic(access) && JdkHook.takesAt(descriptor, 0, String[].class)
                && JdkHook.takesAt(descriptor, 2, String.class);
    }

    @Override
    public void onEnter(Code code) {
        code.arg(0).arg(2).gate("process", String[].class, String.class);
    }
}
