package dev.klyo.central;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.Klyo;
import dev.klyo.action.AgentContext;
import dev.klyo.action.ToolCall;
import dev.klyo.engine.Decision;
import dev.klyo.policy.Effect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Bundles A (x allowed) and B (x denied) alternate while threads decide without pause: every
 * decision must name one revision and carry that revision's effect, never a mix.
 */
class ReloadUnderLoadTest {

    @Test
    void decisionsUnderLoadSeeEitherTheOldOrTheNewPolicy() throws Exception {
        run(false);
    }

    @Test
    void layeredDecisionsUnderLoadSeeEitherTheOldOrTheNewSet() throws Exception {
        run(true);
    }

    private void run(boolean layered) throws Exception {
        // Each swap is a newly signed bundle (a re-served old one would rightly be refused as a rollback).
        java.util.function.IntFunction<byte[]> bundle = swap -> {
            boolean allow = swap % 2 == 0;
            String rev = allow ? "A" : "B";
            Map<String, String> teams = layered
                    // The team's allow of x must never lift the org's deny in B, even mid-swap.
                    ? Map.of("ops", "version: 1\nname: ops\nrules:\n  - id: ops-x\n    effect: allow\n    match: {tool: {names: [x]}}\n")
                    : Map.of();
            return SignedBundle.seal(BundlePayload.encode(rev, java.time.Instant.EPOCH.plusSeconds(swap),
                    TestBundles.toolPolicy(rev, allow), teams), TestBundles.KEY.getPrivate(), TestBundles.KEY.getPublic());
        };
        try (TestBundleServer server = new TestBundleServer().start()) {
            server.serve(bundle.apply(0), "\"0\"");
            RecordingAuditSink audit = new RecordingAuditSink();
            CentralPolicy central = CentralPolicy.fromSettings(Map.of("policyUrl", server.url().toString(),
                    "publicKey", BundleKeys.base64(TestBundles.KEY.getPublic()), "bundleCache", "none",
                    "pollInterval", "1h"));
            Klyo klyo = central.start(Klyo.builder(), audit);
            ToolCall call = new ToolCall(new AgentContext("p", "", "", Set.of("ops")), "x", "", "{}", Map.of());

            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong decisions = new AtomicLong();
            Map<String, Effect> seen = new ConcurrentHashMap<>();
            List<String> mixes = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread th = new Thread(() -> {
                    while (!stop.get()) {
                        Decision d = klyo.decide(call);
                        String rev = d.policyRevision().substring(0, 1);
                        Effect expected = rev.equals("A") ? Effect.ALLOW : Effect.DENY;
                        if (d.effect() != expected || !(rev.equals("A") || rev.equals("B"))) {
                            mixes.add(d.policyRevision() + " -> " + d.effect() + " " + d.ruleId());
                        }
                        seen.merge(rev, d.effect(), (a, b) -> a);
                        decisions.incrementAndGet();
                    }
                });
                threads.add(th);
                th.start();
            }
            for (int swap = 1; swap <= 60; swap++) {
                server.serve(bundle.apply(swap), "\"" + swap + "\"");
                central.updater().pollOnce();
            }
            stop.set(true);
            for (Thread th : threads) {
                th.join();
            }
            central.close();
            assertThat(mixes).isEmpty();
            assertThat(seen).containsOnlyKeys("A", "B");
            assertThat(central.updater().rejections()).isZero();
            assertThat(audit.withRule(PolicyEvents.APPLIED)).hasSize(61);
            assertThat(decisions.get()).isGreaterThan(60);
        }
    }
}
