package dev.klyo.operator;

import dev.klyo.audit.AuditEvent;
import dev.klyo.engine.Decision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares what was decided when an action was recorded with what a candidate policy decides
 * now, and collects the differences by kind of change and by the candidate rule behind each.
 */
final class Replay {

    /** How a decision changed; the order is the order of the report. */
    enum Change {
        NEWLY_DENIED("newly denied"),
        NEWLY_ALLOWED("newly allowed"),
        NOW_ENFORCED("now enforced (an observed denial the candidate blocks)"),
        NO_LONGER_ENFORCED("no longer enforced (a block the candidate only observes)"),
        EFFECT_CHANGED("other effect changes");

        final String title;

        Change(String title) {
            this.title = title;
        }

        String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The same action done one or more times, with the same recorded outcome. */
    record Key(String kind, String target, String recorded) {
    }

    /** How often, and by which agents and sessions. */
    static final class Group {
        long count;
        final Set<String> actors = new TreeSet<>();
    }

    /** Change to the candidate rule to the grouped actions. */
    private final Map<Change, Map<String, Map<Key, Group>>> changes = new EnumMap<>(Change.class);
    private final Map<Change, Long> counts = new EnumMap<>(Change.class);
    long replayed;
    long unchanged;
    long notReplayable;
    /** Actions that passed when recorded and that the candidate blocks: what enforcing it would break. */
    long newlyBlocked;

    /** The change between the recorded decision and the candidate's; null when nothing that matters changed. */
    static Change classify(AuditEvent recorded, Decision candidate) {
        boolean wasDeny = "deny".equals(recorded.effect());
        boolean isDeny = "deny".equals(candidate.effect().key());
        if (!wasDeny && isDeny) {
            return Change.NEWLY_DENIED;
        }
        if (wasDeny && !isDeny) {
            return Change.NEWLY_ALLOWED;
        }
        if (wasDeny) {
            if (!recorded.enforced() && candidate.enforced()) {
                return Change.NOW_ENFORCED;
            }
            return recorded.enforced() && !candidate.enforced() ? Change.NO_LONGER_ENFORCED : null;
        }
        return recorded.effect().equals(candidate.effect().key()) ? null : Change.EFFECT_CHANGED;
    }

    /** Records one replayed action; returns its change, or null. */
    Change add(AuditEvent recorded, Decision candidate) {
        replayed++;
        boolean wasBlocked = "deny".equals(recorded.effect()) && recorded.enforced();
        if (candidate.blocked() && !wasBlocked) {
            newlyBlocked++;
        }
        Change change = classify(recorded, candidate);
        if (change == null) {
            unchanged++;
            return null;
        }
        counts.merge(change, 1L, Long::sum);
        Key key = new Key(recorded.kind(), recorded.target(),
                Outcome.of(recorded) + " by " + (recorded.ruleId() == null ? "default" : recorded.ruleId()));
        Group group = changes.computeIfAbsent(change, c -> new LinkedHashMap<>())
                .computeIfAbsent(candidate.ruleId(), r -> new LinkedHashMap<>())
                .computeIfAbsent(key, k -> new Group());
        group.count++;
        group.actors.add(nonEmpty(recorded.agentId()) + "/" + nonEmpty(recorded.sessionId()));
        return change;
    }

    long count(Change change) {
        return counts.getOrDefault(change, 0L);
    }

    long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Candidate rule ids for a change, most actions first, each with its groups (most frequent first). */
    List<Map.Entry<String, List<Map.Entry<Key, Group>>>> byRule(Change change) {
        List<Map.Entry<String, List<Map.Entry<Key, Group>>>> out = new ArrayList<>();
        for (Map.Entry<String, Map<Key, Group>> rule : changes.getOrDefault(change, Map.of()).entrySet()) {
            List<Map.Entry<Key, Group>> groups = new ArrayList<>(rule.getValue().entrySet());
            groups.sort(Comparator.comparingLong((Map.Entry<Key, Group> g) -> g.getValue().count).reversed());
            out.add(Map.entry(rule.getKey(), groups));
        }
        out.sort(Comparator.comparingLong((Map.Entry<String, List<Map.Entry<Key, Group>>> r) ->
                r.getValue().stream().mapToLong(g -> g.getValue().count).sum()).reversed());
        return out;
    }

    private static String nonEmpty(String id) {
        return id == null || id.isEmpty() ? "-" : id;
    }
}
