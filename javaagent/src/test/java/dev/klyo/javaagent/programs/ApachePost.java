package dev.klyo.javaagent.programs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.entity.StringAsyncEntityProducer;
import org.apache.hc.core5.http.support.BasicRequestBuilder;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;

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

    /** A {@code SimpleHttpRequest} with its body in memory. */
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

    /**
     * A request producer with an entity producer of the application's choice: {@code string} is
     * a {@code StringAsyncEntityProducer} (in memory, length unknown until encoded), {@code stream}
     * a one-shot producer handing out its bytes as they come, like one fed from a socket.
     */
    static int postAsyncProducer(String kind, String url, byte[] body, String contentType, List<String[]> headers)
            throws Exception {
        ContentType type = ContentType.parse(contentType);
        AsyncEntityProducer entity = kind.equals("string")
                ? new StringAsyncEntityProducer(new String(body, StandardCharsets.UTF_8), type)
                : new OneShotProducer(body, type);
        BasicRequestBuilder b = BasicRequestBuilder.post(url);
        for (String[] h : headers) {
            b.setHeader(h[0], h[1]);
        }
        try (CloseableHttpAsyncClient client = HttpAsyncClients.createDefault()) {
            client.start();
            SimpleHttpResponse r = client.execute(new BasicRequestProducer(b.build(), entity),
                    SimpleResponseConsumer.create(), null).get(30, TimeUnit.SECONDS);
            return r.getCode();
        }
    }

    /** Not repeatable: what it wrote is gone. Writes at most 4 bytes per call, then ends the stream. */
    static final class OneShotProducer implements AsyncEntityProducer {
        private final ByteBuffer content;
        private final ContentType type;

        OneShotProducer(byte[] body, ContentType type) {
            this.content = ByteBuffer.wrap(body);
            this.type = type;
        }

        @Override
        public boolean isRepeatable() {
            return false;
        }

        @Override
        public void failed(Exception cause) {
        }

        @Override
        public long getContentLength() {
            return -1;
        }

        @Override
        public String getContentType() {
            return type.toString();
        }

        @Override
        public String getContentEncoding() {
            return null;
        }

        @Override
        public boolean isChunked() {
            return true;
        }

        @Override
        public Set<String> getTrailerNames() {
            return Set.of();
        }

        @Override
        public int available() {
            return content.remaining();
        }

        @Override
        public void produce(DataStreamChannel channel) throws IOException {
            if (content.hasRemaining()) {
                ByteBuffer slice = content.slice();
                slice.limit(Math.min(4, slice.remaining()));
                content.position(content.position() + channel.write(slice));
            }
            if (!content.hasRemaining()) {
                channel.endStream();
            }
        }

        @Override
        public void releaseResources() {
        }
    }
}
