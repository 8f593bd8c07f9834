package dev.klyo.javaagent.programs;

import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** OkHttp POST in its own class, so BodySender runs where OkHttp is absent. */
final class OkHttpPost {

    private OkHttpPost() {
    }

    static int post(String url, byte[] body, String contentType, List<String[]> headers) throws Exception {
        Request.Builder b = new Request.Builder().url(url).post(RequestBody.create(body, MediaType.get(contentType)));
        for (String[] h : headers) {
            b.header(h[0], h[1]);
        }
        try (Response r = new OkHttpClient.Builder().build().newCall(b.build()).execute()) {
            r.body().string();
            return r.code();
        }
    }
}
