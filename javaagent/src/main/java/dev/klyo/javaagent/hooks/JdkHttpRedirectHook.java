package dev.klyo.javaagent.hooks;

import dev.klyo.javaagent.bootstrap.JdkHttpSend;
import java.net.URI;

/**
 * Redirects the JDK HttpClient follows itself never pass through {@code send}: each hop builds
 * its request with {@code HttpRequestImpl.newInstanceForRedirection}, decided here as a new
 * request (headers as the previous hop sent them; the body unseen). The denial fails the
 * exchange, which the caller sees as an {@code IOException}.
 */
public final class JdkHttpRedirectHook implements JdkHook {

    @Override
    public String type() {
        return "jdk/internal/net/http/HttpRequestImpl";
    }

    @Override
    public boolean hooks(int access, String name, String descriptor) {
        return name.equals("newInstanceForRedirection");
    }

    @Override
    public void onEnter(Code code) {
        code.arg(0).arg(1).arg(2).arg(3).call(JdkHttpSend.class, "redirect", URI.class, String.class,
                Object.class, boolean.class);
    }
}
