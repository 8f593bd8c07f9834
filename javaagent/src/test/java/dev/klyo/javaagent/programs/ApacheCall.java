package dev.klyo.javaagent.programs;

import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/** Apache HttpClient 5, classic and async, in its own class. */
final class ApacheCall {

    private ApacheCall() {
    }

    static String get(String url) throws Exception {
        try (CloseableHttpClient client = HttpClients.createDefault()) {
            return client.execute(new HttpGet(url), r -> "OK " + r.getCode() + " " + EntityUtils.toString(r.getEntity()));
        }
    }

    static String getAsync(String url) throws Exception {
        try (CloseableHttpAsyncClient client = HttpAsyncClients.createDefault()) {
            client.start();
            SimpleHttpRequest request = SimpleRequestBuilder.get(url).build();
            SimpleHttpResponse r = client.execute(request, null).get(30, TimeUnit.SECONDS);
            return "OK " + r.getCode() + " " + r.getBodyText();
        }
    }
}
