package dev.klyo.javaagent.hooks;

import java.net.SocketAddress;

/**
 * Backstop for {@code AsynchronousSocketChannel} (both {@code connect} forms end in
 * {@code implConnect}). A denial is thrown from {@code connect} itself, before any future or
 * handler exists. Asks: network connect (TCP).
 */
public final class AsyncSocketChannelHook implements JdkHook {

    @Override
    public String type() {
        return "sun/nio/ch/UnixAsynchronousSocketChannelImpl";
    }

    @Override
    public boolean hooks(int access, String name, String descriptor) {
        return name.equals("implConnect") && JdkHook.takesAt(descriptor, 0, SocketAddress.class);
    }

    @Override
    public void onEnter(Code code) {
        code.arg(0).constant(false).gate("connect", SocketAddress.class, boolean.class);
    }
}
