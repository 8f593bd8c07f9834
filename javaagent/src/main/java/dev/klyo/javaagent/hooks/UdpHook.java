package dev.klyo.javaagent.hooks;

import dev.klyo.javaagent.bootstrap.Gate;
import java.net.DatagramPacket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * UDP through {@code DatagramChannel} and {@code DatagramSocket} (whose implementation is a
 * datagram channel since Java 15): {@code connect}, and each {@code send} to an explicit
 * target. The send methods call each other on some JDKs, so a call depth keeps it to one
 * decision per datagram. Asks: network connect (UDP).
 */
public final class UdpHook implements JdkHook {

    @Override
    public String type() {
        return "sun/nio/ch/DatagramChannelImpl";
    }

    @Override
    public boolean hooks(int access, String name, String descriptor) {
        return sendTo(name, descriptor) || sendPacket(name, descriptor) || connect(name, descriptor);
    }

    @Override
    public void onEnter(Code code) {
        if (code.name().equals("connect")) {
            code.arg(0).constant(true).gate("connect", SocketAddress.class, boolean.class);
        } else if (code.takes(DatagramPacket.class)) {
            code.arg(0).gate("datagram", DatagramPacket.class).holding(Gate.UDP);
        } else {
            code.arg(1).gate("datagram", SocketAddress.class).holding(Gate.UDP);
        }
    }

    private static boolean sendTo(String name, String descriptor) {
        return (name.equals("send") || name.equals("blockingSend"))
                && JdkHook.takes(descriptor, ByteBuffer.class, SocketAddress.class);
    }

    private static boolean sendPacket(String name, String descriptor) {
        return name.equals("blockingSend") && JdkHook.takes(descriptor, DatagramPacket.class);
    }

    private static boolean connect(String name, String descriptor) {
        return name.equals("connect") && JdkHook.arity(descriptor) == 2
                && JdkHook.takesAt(descriptor, 0, SocketAddress.class);
    }
}
