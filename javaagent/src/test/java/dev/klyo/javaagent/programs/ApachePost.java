package dev.klyo.javaagent.programs;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/** Apache HttpClient 5 POSTs, classic and async, in their own class. */
final class ApachePost {

    private ApachePost() {
    }

    static int post(String url, byte[] body, String contentType, List<String[]> headers) throws Exception {
        HttpPost post = new HttpPost(url);
        post.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
        for (String[] h : headers) {
            post.setHeader(h[0], h[1]);
        }
        try (CloseableHttpClient client = HttpClients.createDefault()) {
            return client.execute(post, r -> {
                EntityUtils.consume(r.getEntity());
                return r.getCode();
            });
        }
    }

    static int postAsync(String url, byte[] body, String contentType, List<String[]> headers) throws Exception {
        try (CloseableHttpAsyncClient client = HttpAsyncClients.createDefault()) {
            client.start();
            SimpleRequestBuilder b = SimpleRequestBuilder.post(url).setBody(body, ContentType.parse(contentType));
            for (String[] h : headers) {
                b.setHeader(h[0], h[1]);
            }
            SimpleHttpResponse r = client.execute(b.build(), null).get(30, TimeUnit.SECONDS);
            return r.getCode();
        }
    }
}
