package dev.klyo.operator;

import dev.klyo.audit.AuditEvent;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything the HTML report shows, built in one pass over the events so a large log is never
 * held in memory: totals, decisions per second, denials per rule, destinations over the whole
 * log, and per agent and session the {@link Activity}.
 */
final class ReportData {

    /** Index into the per-second counters. */
    static final int ALLOWED = 0;
    static final int DENIED = 1;
    static final int WOULD_DENY = 2;

    final Counts all = new Counts();
    final Set<String> sources = new LinkedHashSet<>();
    final Set<String> policyRevisions = new LinkedHashSet<>();
    /** Epoch second to counts of allowed, denied, would-deny. */
    final TreeMap<Long, long[]> perSecond = new TreeMap<>();
    final Map<String, Counts> denyRules = new TreeMap<>();
    final Activity everything = new Activity();
    /** Agent id to session id to what it did. */
    final Map<String, Map<String, Activity>> agents = new TreeMap<>();
    long skippedLines;

    void add(AuditEvent e) {
        all.add(e);
        everything.add(e);
        if (e.policyRevision() != null && !e.policyRevision().isEmpty()) {
            policyRevisions.add(e.policyRevision());
        }
        int slot = !"deny".equals(e.effect()) ? ALLOWED : e.enforced() ? DENIED : WOULD_DENY;
        perSecond.computeIfAbsent(e.timestamp().getEpochSecond(), k -> new long[3])[slot]++;
        if (slot != ALLOWED) {
            denyRules.computeIfAbsent(e.ruleId() == null ? "default" : e.ruleId(), k -> new Counts()).add(e);
        }
        agents.computeIfAbsent(nonEmpty(e.agentId()), k -> new TreeMap<>())
                .computeIfAbsent(nonEmpty(e.sessionId()), k -> new Activity())
                .add(e);
    }

    Instant first() {
        return everything.first;
    }

    Instant last() {
        return everything.last;
    }

    private static String nonEmpty(String id) {
        return id == null || id.isEmpty() ? "(none)" : id;
    }
}
