package dev.klyo.javaagent.hooks;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.klyo.javaagent.bootstrap.Gate;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code java.net.http.HttpClient}: {@code send} and both public {@code sendAsync} end in the
 * implementation's private four-argument {@code sendAsync}, hooked once so each request is
 * decided once. A denial completes the returned future exceptionally with the
 * {@code IOException}; {@code send} rethrows it. Asks: HTTP request (method, URI, headers;
 * body unseen).
 */
public final class JdkHttpClientHook implements Hook {

    @Override
    public List<String> typeNames() {
        return List.of("jdk.internal.net.http.HttpClientImpl");
    }

    @Override
    public List<Advised> advice() {
        return List.of(Advised.of(named("sendAsync").and(takesArguments(4)), SendAsync.class));
    }

    public static final class SendAsync {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static IOException enter(@Advice.Argument(0) HttpRequest request) {
            try {
                Gate.http(request.method(), request.uri().toString(), request.headers().map(),
                        request.bodyPublisher().isPresent());
                return null;
            } catch (IOException denied) {
                return denied;
            }
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter IOException denied,
                         @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result) {
            if (denied != null) {
                result = CompletableFuture.failedFuture(denied);
            }
        }
    }
}
