package dev.klyo.remote;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach a remote decision point.
 *
 * @param url            the full data API URL, e.g. {@code http://127.0.0.1:8181/v1/data/klyo/decision}
 * @param connectTimeout bound on establishing the connection
 * @param readTimeout    bound on waiting for the answer
 * @param cacheSize      answers kept (0 disables the cache)
 * @param cacheTtl       how long an answer is reused for an identical input
 * @param failure        what to do when there is no usable answer
 * @param retryAfter     after a failure, how long to apply {@code failure} without trying, so an
 *                       outage does not add a timeout to every action
 */
public record OpaSettings(URI url, Duration connectTimeout, Duration readTimeout, int cacheSize, Duration cacheTtl,
                          FailureMode failure, Duration retryAfter) {

    public OpaSettings {
        Objects.requireNonNull(url, "url");
        if (!url.getPath().contains("/v1/data")) {
            throw new IllegalArgumentException("the decision point URL must be a data API URL (…/v1/data/<path>): " + url);
        }
    }

    public static OpaSettings of(URI url) {
        return new OpaSettings(url, Duration.ofMillis(500), Duration.ofSeconds(1), 10_000, Duration.ofSeconds(5),
                FailureMode.CLOSED, Duration.ofSeconds(1));
    }

    public OpaSettings withTimeouts(Duration connect, Duration read) {
        return new OpaSettings(url, connect, read, cacheSize, cacheTtl, failure, retryAfter);
    }

    public OpaSettings withCache(int size, Duration ttl) {
        return new OpaSettings(url, connectTimeout, readTimeout, size, ttl, failure, retryAfter);
    }

    public OpaSettings withFailure(FailureMode mode, Duration retry) {
        return new OpaSettings(url, connectTimeout, readTimeout, cacheSize, cacheTtl, mode, retry);
    }
}
