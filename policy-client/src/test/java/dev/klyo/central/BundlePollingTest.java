package dev.klyo.central;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.Klyo;
import dev.klyo.action.ToolCall;
import dev.klyo.engine.Decision;
import dev.klyo.policy.Effect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Klyo fed from a bundle URL on a real loopback server, through outages, bad bundles and 304s. */
class BundlePollingTest {

    @TempDir
    Path dir;
    private final TestBundleServer server = new TestBundleServer();
    private final RecordingAuditSink audit = new RecordingAuditSink();
    private CentralPolicy central;

    @AfterEach
    void stop() {
        if (central != null) {
            central.close();
        }
        server.close();
    }

    private Klyo start(String... extra) throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "policyUrl", server.url().toString(),
                "publicKey", BundleKeys.base64(TestBundles.KEY.getPublic()),
                "bundleCache", dir.resolve("cache/bundle.json").toString(),
                "pollInterval", "1h",
                "connectTimeout", "5s",
                "readTimeout", "5s"));
        for (int i = 0; i < extra.length; i += 2) {
            settings.put(extra[i], extra[i + 1]);
        }
        central = CentralPolicy.fromSettings(settings);
        return central.start(Klyo.builder(), audit);
    }

    private static Effect x(Klyo klyo) {
        return klyo.decide(ToolCall.of("x", "{}")).effect();
    }

    @Test
    void appliesTheBundleThenAsksWithItsEtagAndKeepsItOn304() throws Exception {
        server.start().serve(TestBundles.signed("A", true), "\"a\"");
        Klyo klyo = start();
        assertThat(x(klyo)).isEqualTo(Effect.ALLOW);
        assertThat(klyo.decide(ToolCall.of("x", "{}")).policyRevision()).startsWith("A@");

        central.updater().pollOnce();
        assertThat(server.notModified.get()).isEqualTo(1);
        assertThat(server.ifNoneMatch).last().isEqualTo("\"a\"");
        assertThat(x(klyo)).isEqualTo(Effect.ALLOW);
        assertThat(audit.withRule(PolicyEvents.APPLIED)).hasSize(1);
    }

    @Test
    void aNewSignedBundleTakesEffectOnTheNextPoll() throws Exception {
        server.start().serve(TestBundles.signed("A", true), "\"a\"");
        Klyo klyo = start();
        server.serve(TestBundles.signed("B", false), "\"b\"");
        central.updater().pollOnce();
        assertThat(x(klyo)).isEqualTo(Effect.DENY);
        assertThat(audit.withRule(PolicyEvents.APPLIED)).last()
                .satisfies(e -> assertThat(e.message()).contains("policy B applied").contains("was A"));
        // The new bundle is what a restart would start from.
        assertThat(Files.readAllBytes(dir.resolve("cache/bundle.json"))).isEqualTo(server.body);
        assertThat(Files.readString(dir.resolve("cache/bundle.json.etag"))).isEqualTo("\"b\"");
    }

    @Test
    void aWronglySignedBundleIsRejectedAuditedOnceAndTheOldPolicyStays() throws Exception {
        server.start().serve(TestBundles.signed("A", true), "\"a\"");
        Klyo klyo = start();
        server.serve(TestBundles.signed("EVIL", TestBundles.toolPolicy("EVIL", false), Map.of(), TestBundles.OTHER_KEY),
                "\"evil\"");
        central.updater().pollOnce();
        central.updater().pollOnce();

        assertThat(x(klyo)).isEqualTo(Effect.ALLOW);
        assertThat(audit.withRule(PolicyEvents.REJECTED)).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("policy");
            assertThat(e.effect()).isEqualTo("deny");
            assertThat(e.message()).contains("signature does not verify").contains("keeping A");
            assertThat(e.attributes()).containsEntry("keptRevision", "A");
        });
        // The second poll named both the good and the refused bundle, so the server answered 304.
        assertThat(server.ifNoneMatch).last().isEqualTo("\"a\", \"evil\"");
        assertThat(server.notModified.get()).isEqualTo(1);
        assertThat(new String(Files.readAllBytes(dir.resolve("cache/bundle.json")), StandardCharsets.UTF_8))
                .doesNotContain(BundleKeys.keyId(TestBundles.OTHER_KEY.getPublic()));
    }

    @Test
    void anOlderValidlySignedBundleIsRefusedAsARollbackAlsoAfterARestart() throws Exception {
        java.time.Instant now = java.time.Instant.parse("2026-11-22T08:00:00Z");
        server.start().serve(TestBundles.signedAt("NEW", false, now), "\"new\"");
        Klyo klyo = start();
        // A compromised server replays last month's permissive bundle: the signature is genuine.
        server.serve(TestBundles.signedAt("OLD", true, now.minus(java.time.Duration.ofDays(30))), "\"old\"");
        central.updater().pollOnce();
        assertThat(x(klyo)).isEqualTo(Effect.DENY);
        assertThat(audit.withRule(PolicyEvents.REJECTED)).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("rollback refused"));

        central.close();
        Klyo restarted = start();
        assertThat(x(restarted)).isEqualTo(Effect.DENY);
        assertThat(restarted.policy().name()).isEqualTo("NEW");

        server.serve(TestBundles.signedAt("NEWER", true, now.plusSeconds(60)), "\"newer\"");
        central.updater().pollOnce();
        assertThat(x(restarted)).isEqualTo(Effect.ALLOW);
    }

    @Test
    void malformedUnsignedAndInvalidBundlesAreEachRejected() throws Exception {
        server.start().serve(TestBundles.signed("A", true), "\"a\"");
        Klyo klyo = start();
        String[] bad = {
            "not json at all",
            "{\"format\":\"klyo-bundle/1\",\"payload\":\"e30=\"}",
            new String(TestBundles.signed("BAD", "version: 2\n", Map.of(), TestBundles.KEY), StandardCharsets.UTF_8),
        };
        for (int i = 0; i < bad.length; i++) {
            server.serve(bad[i].getBytes(StandardCharsets.UTF_8), "\"bad" + i + "\"");
            central.updater().pollOnce();
            assertThat(x(klyo)).isEqualTo(Effect.ALLOW);
        }
        assertThat(audit.withRule(PolicyEvents.REJECTED)).extracting(e -> e.attributes().get("reason").toString())
                .satisfiesExactly(
                        r -> assertThat(r).contains("malformed"),
                        r -> assertThat(r).contains("unsigned"),
                        r -> assertThat(r).contains("invalid policy"));
        assertThat(central.updater().rejections()).isEqualTo(3);
    }

    @Test
    void serverErrorsAndSlowAnswersChangeNothingAndAreNotRejections() throws Exception {
        server.start().serve(TestBundles.signed("A", true), "\"a\"");
        Klyo klyo = start("readTimeout", "1500ms");
        server.serve(TestBundles.signed("B", false), "\"b\"");
        server.status = 500;
        central.updater().pollOnce();
        assertThat(central.updater().lastError()).contains("HTTP 500");
        server.status = 200;
        server.delayMillis = 6_000;
        central.updater().pollOnce();
        assertThat(central.updater().lastError()).containsIgnoringCase("timed out");

        assertThat(x(klyo)).isEqualTo(Effect.ALLOW);
        assertThat(central.updater().failures()).isEqualTo(2);
        assertThat(audit.withRule(PolicyEvents.REJECTED)).isEmpty();
        server.delayMillis = 0;
        central.updater().pollOnce();
        assertThat(x(klyo)).isEqualTo(Effect.DENY);
    }

    @Test
    void aServerDownInTheMiddleKeepsThePolicyAndItsReturnIsPickedUp() throws Exception {
        server.start().serve(TestBundles.signed("A", false), "\"a\"");
        Klyo klyo = start();
        server.stop();
        central.updater().pollOnce();
        assertThat(central.updater().lastError()).isNotEmpty();
        assertThat(x(klyo)).isEqualTo(Effect.DENY);

        server.serve(TestBundles.signed("B", true), "\"b\"");
        server.start();
        central.updater().pollOnce();
        assertThat(x(klyo)).isEqualTo(Effect.ALLOW);
    }

    @Test
    void aRestartWhileTheServerIsDownStartsFromTheLastGoodBundle() throws Exception {
        server.start().serve(TestBundles.signed("A", true), "\"a\"");
        start().close();
        central.close();
        server.stop();

        Klyo restarted = start();
        assertThat(x(restarted)).isEqualTo(Effect.ALLOW);
        assertThat(restarted.policy().name()).isEqualTo("A");
        assertThat(audit.withRule(PolicyEvents.APPLIED)).last()
                .satisfies(e -> assertThat(e.message()).contains("kept copy (source unavailable"));
    }

    @Test
    void aRestartWithTheServerUpAndUnchangedUsesTheKeptCopyAfterA304() throws Exception {
        server.start().serve(TestBundles.signed("A", true), "\"a\"");
        start();
        central.close();
        Klyo restarted = start();
        assertThat(server.notModified.get()).isEqualTo(1);
        assertThat(x(restarted)).isEqualTo(Effect.ALLOW);
    }

    @Test
    void withNothingToStartFromEverythingIsDeniedAndThatIsAudited() throws Exception {
        server.start();
        server.stop();
        Klyo klyo = start();
        Decision d = klyo.decide(dev.klyo.action.DnsLookup.of("example.com"));
        assertThat(d.blocked()).isTrue();
        assertThat(d.policyRevision()).isEqualTo("klyo-unavailable-closed@builtin");
        assertThat(audit.withRule(PolicyEvents.UNAVAILABLE)).singleElement()
                .satisfies(e -> assertThat(e.message()).contains(server.url().toString()));

        server.serve(TestBundles.signed("A", true), "\"a\"");
        server.start();
        central.updater().pollOnce();
        assertThat(x(klyo)).isEqualTo(Effect.ALLOW);
    }

    @Test
    void failOpenAtStartIsOnlyWhatTheSettingSays() throws Exception {
        server.start();
        server.stop();
        Klyo klyo = start("onUnavailable", "allow");
        assertThat(x(klyo)).isEqualTo(Effect.ALLOW);
    }

    @Test
    void thePollingThreadPicksUpANewBundleWithoutHelp() throws Exception {
        server.start().serve(TestBundles.signed("A", true), "\"a\"");
        Klyo klyo = start("pollInterval", "50ms");
        server.serve(TestBundles.signed("B", false), "\"b\"");
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (x(klyo) != Effect.DENY && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(x(klyo)).isEqualTo(Effect.DENY);
        assertThat(central.updater().thread().isDaemon()).isTrue();
    }
}
