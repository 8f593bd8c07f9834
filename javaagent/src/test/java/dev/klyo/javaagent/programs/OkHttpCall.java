package dev.klyo.javaagent.programs;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** OkHttp in its own class, so Probe runs where OkHttp is absent. */
final class OkHttpCall {

    private OkHttpCall() {
    }

    static String get(String url) throws Exception {
        OkHttpClient client = new OkHttpClient.Builder().build();
        try (Response r = client.newCall(new Request.Builder().url(url).build()).execute()) {
            return "OK " + r.code() + " " + r.body().string();
        }
    }
}
