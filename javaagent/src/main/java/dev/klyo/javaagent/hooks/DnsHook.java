package dev.klyo.javaagent.hooks;

import java.lang.reflect.Modifier;

/**
 * Name lookups through {@code InetAddress.getAllByName(String)}, which {@code getByName},
 * {@code InetSocketAddress} and the HTTP clients use: a name can carry data out to whoever
 * runs its DNS zone. IP literals are skipped (no lookup happens). A denial is an
 * {@code UnknownHostException}. Asks: DNS lookup.
 */
public final class DnsHook implements JdkHook {

    @Override
    public String type() {
        return "java/net/InetAddress";
    }

    @Override
    public boolean hooks(int access, String name, String descriptor) {
        return name.equals("getAllByName") && Modifier.isPublic(access) && JdkHook.takes(descriptor, String.class);
    }

    @Override
    public void onEnter(Code code) {
        code.arg(0).gate("dns", String.class);
    }
}
