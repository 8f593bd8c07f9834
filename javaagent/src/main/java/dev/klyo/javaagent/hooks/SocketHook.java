package dev.klyo.javaagent.hooks;

import dev.klyo.javaagent.bootstrap.Gate;
import java.net.SocketAddress;

/**
 * Backstop for every client on {@code java.net.Socket} (SSL sockets included): the address
 * actually dialled, so a name that passed the DNS check but resolves somewhere denied is
 * still caught. Asks: network connect (host, address, port, TCP).
 */
public final class SocketHook implements JdkHook {

    @Override
    public String type() {
        return "java/net/Socket";
    }

    @Override
    public boolean hooks(int access, String name, String descriptor) {
        return name.equals("connect") && JdkHook.takes(descriptor, SocketAddress.class, int.class);
    }

    @Override
    public void onEnter(Code code) {
        code.arg(0).constant(false).gate("connect", SocketAddress.class, boolean.class);
    }
}
