package dev.klyo.javaagent.hooks;

import dev.klyo.javaagent.bootstrap.JdkHttpSend;
import java.net.http.HttpRequest;
import java.util.concurrent.CompletableFuture;

/**
 * {@code java.net.http.HttpClient}: {@code send} and both public {@code sendAsync} end in the
 * implementation's private four-argument {@code sendAsync}, hooked once so each request is
 * decided once ({@link JdkHttpSend#decide}): the client goes on with the request it returns, or
 * returns the failed future of a denial in place of sending. Asks: HTTP request with its body.
 */
public final class JdkHttpClientHook implements JdkHook {

    @Override
    public String type() {
        return "jdk/internal/net/http/HttpClientImpl";
    }

    @Override
    public boolean hooks(int access, String name, String descriptor) {
        return name.equals("sendAsync") && JdkHook.arity(descriptor) == 4;
    }

    @Override
    public void onEnter(Code code) {
        code.arg(0).call(JdkHttpSend.class, "decide", Object.class)
                .returnUnless(HttpRequest.class, CompletableFuture.class)
                .storeArg(0);
    }
}
