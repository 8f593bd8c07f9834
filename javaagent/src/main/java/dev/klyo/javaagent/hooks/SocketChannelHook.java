package dev.klyo.javaagent.hooks;

import java.net.SocketAddress;

/**
 * Backstop for NIO clients ({@code SocketChannel}, and the JDK HttpClient, which connects
 * through it). Asks: network connect (TCP).
 */
public final class SocketChannelHook implements JdkHook {

    @Override
    public String type() {
        return "sun/nio/ch/SocketChannelImpl";
    }

    @Override
    public boolean hooks(int access, String name, String descriptor) {
        return name.equals("connect") && JdkHook.takes(descriptor, SocketAddress.class);
    }

    @Override
    public void onEnter(Code code) {
        code.arg(0).constant(false).gate("connect", SocketAddress.class, boolean.class);
    }
}
