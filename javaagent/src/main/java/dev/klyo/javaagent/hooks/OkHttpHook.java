package dev.klyo.javaagent.hooks;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesNoArguments;

import dev.klyo.javaagent.bootstrap.OkHttpGate;
import java.lang.reflect.Proxy;
import java.util.List;
import net.bytebuddy.asm.Advice;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * OkHttp 4 and 5: when {@code OkHttpClient.Builder.build()} creates a client, Klyo's network
 * interceptor ({@link OkHttpGate}) is added to the builder unless it is there already (clients
 * made with {@code newBuilder()} inherit it). Asks: HTTP request (method, URL, headers) for
 * every hop, redirects included; a denial is an {@code IOException} from {@code execute}.
 */
public final class OkHttpHook implements Hook {

    @Override
    public List<String> typeNames() {
        return List.of("okhttp3.OkHttpClient$Builder");
    }

    @Override
    public List<Advised> advice() {
        return List.of(Advised.of(named("build").and(takesNoArguments()), Build.class));
    }

    public static final class Build {
        @Advice.OnMethodEnter
        static void enter(@Advice.This OkHttpClient.Builder builder) {
            boolean present = false;
            for (Interceptor interceptor : builder.networkInterceptors()) {
                present |= OkHttpGate.isKlyo(interceptor);
            }
            if (!present) {
                builder.networkInterceptors().add((Interceptor) Proxy.newProxyInstance(Interceptor.class.getClassLoader(),
                        new Class<?>[] {Interceptor.class}, OkHttpGate.INSTANCE));
            }
        }
    }
}
