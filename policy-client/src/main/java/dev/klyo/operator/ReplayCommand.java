package dev.klyo.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.klyo.action.Action;
import dev.klyo.audit.AuditEvent;
import dev.klyo.engine.Decision;
import dev.klyo.engine.PolicyEngine;
import dev.klyo.policy.Mode;
import dev.klyo.policy.Policy;
import dev.klyo.policy.PolicyError;
import dev.klyo.policy.PolicyException;
import dev.klyo.policy.PolicyLoader;
import dev.klyo.policy.Rule;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code klyo replay}: decides every recorded action again with a candidate policy and shows what
 * would change. The observe-to-enforce workflow: record in observe mode, replay the policy you
 * mean to enforce, fix what it would break, then enforce.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a candidate policy against the actions recorded in audit logs and print what would "
                + "change: newly denied, newly allowed, now enforced, by the candidate rule responsible."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no change of a kind named by --fail-on (or no --fail-on given)",
                "1:a change of a kind named by --fail-on was found",
                "2:usage error",
                "3:the candidate policy is invalid, or an audit file could not be read"})
public final class ReplayCommand implements Callable<Integer> {

    /** What --fail-on accepts. */
    enum FailOn {
        NEWLY_DENIED, NEWLY_ALLOWED, NEWLY_BLOCKED, ANY_CHANGE;

        static FailOn parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int REASONS_SHOWN = 10;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "AUDIT", description = "Audit files (JSON Lines) holding the recorded actions.")
    List<Path> files;

    @Option(names = "--policy", required = true, paramLabel = "FILE", description = "The candidate policy.")
    Path policyFile;

    @Option(names = "--fail-on", paramLabel = "CHANGE", split = ",",
            description = "Exit 1 when a change of this kind is found (repeatable or comma-separated): "
                    + "newly-denied, newly-allowed, newly-blocked (passed when recorded, blocked now: what enforcing "
                    + "the candidate would break), any-change.")
    List<String> failOn = new ArrayList<>();

    @Option(names = "--mode", paramLabel = "MODE",
            description = "Decide as if the candidate's global mode were this: enforce or observe.")
    String mode;

    @Option(names = "--env", paramLabel = "NAME=VALUE",
            description = "Set a variable for ~ and $${NAME} in the candidate's path rules (repeatable): use the "
                    + "recording machine's HOME when replaying its log elsewhere.")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--json", description = "Print each changed action as one JSON line (all of them), and the summary on stderr.")
    boolean json;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10",
            description = "Distinct actions listed per rule in the text output; 0 lists all. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Mixin
    EventFilter filter;

    @Mixin
    Progress.Options progressOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<FailOn> gates = new ArrayList<>();
        for (String f : failOn) {
            try {
                gates.add(FailOn.parse(f));
            } catch (IllegalArgumentException e) {
                err.println("klyo replay: --fail-on '" + Terminal.printable(f)
                        + "' is not one of newly-denied, newly-allowed, newly-blocked, any-change");
                return 2;
            }
        }
        Mode forced = null;
        if (mode != null) {
            forced = Mode.fromKey(mode.toLowerCase(Locale.ROOT));
            if (forced == null) {
                err.println("klyo replay: --mode is enforce or observe, not '" + Terminal.printable(mode) + "'");
                return 2;
            }
        }
        Policy policy = load(err);
        if (policy == null) {
            return 3;
        }
        if (forced != null) {
            policy = policy.withMode(forced);
        }
        PolicyEngine engine = new PolicyEngine(policy);
        Replay replay = new Replay();
        AuditReader reader = new AuditReader(err);
        try {
            reader.readAll(files, (file, line, event) -> {
                if (filter.test(event)) {
                    replayOne(engine, replay, file, line, event, out, err);
                }
            }, progressOptions.start(err, "replay", files));
        } catch (IOException e) {
            err.println("klyo replay: " + Failures.describe(e));
            return 3;
        }
        if (replay.notReplayable > REASONS_SHOWN) {
            err.println("... " + (replay.notReplayable - REASONS_SHOWN) + " more events could not be replayed");
        }
        String summary = summary(replay, reader.skipped());
        if (json) {
            err.println(summary);
        } else {
            out.println("Candidate " + Terminal.printable(policy.revision()) + " (" + policy.mode().key()
                    + " mode) against " + replay.replayed + " recorded actions.");
            for (Replay.Change change : Replay.Change.values()) {
                printChange(out, replay, change);
            }
            out.println();
            out.println(summary);
        }
        out.flush();
        List<String> failed = new ArrayList<>();
        for (FailOn gate : gates) {
            long n = switch (gate) {
                case NEWLY_DENIED -> replay.count(Replay.Change.NEWLY_DENIED);
                case NEWLY_ALLOWED -> replay.count(Replay.Change.NEWLY_ALLOWED);
                case NEWLY_BLOCKED -> replay.newlyBlocked;
                case ANY_CHANGE -> replay.total();
            };
            if (n > 0) {
                failed.add(n + " " + gate.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
        }
        if (!failed.isEmpty()) {
            err.println("klyo replay: failing on " + String.join(", ", failed));
            return 1;
        }
        return 0;
    }

    private Policy load(PrintWriter err) {
        Map<String, String> overrides = Map.copyOf(env);
        try {
            return new PolicyLoader(name -> overrides.containsKey(name) ? overrides.get(name) : System.getenv(name))
                    .load(policyFile);
        } catch (PolicyException e) {
            for (PolicyError error : e.errors()) {
                err.println(error);
            }
        } catch (IOException e) {
            err.println("klyo replay: cannot read the policy: " + Failures.describe(e));
        }
        return null;
    }

    private void replayOne(PolicyEngine engine, Replay replay, Path file, long line, AuditEvent event,
                           PrintWriter out, PrintWriter err) {
        Decision decision;
        try {
            Action action = RecordedAction.of(event);
            decision = engine.decide(action);
        } catch (RuntimeException e) {
            if (++replay.notReplayable <= REASONS_SHOWN) {
                err.println(Terminal.printable(file.toString()) + ":" + line + ": cannot replay this "
                        + Terminal.printable(event.kind()) + " event: " + Terminal.printable(e.getMessage()));
            }
            return;
        }
        Replay.Change change = replay.add(event, decision);
        if (json && change != null) {
            out.println(changeJson(change, file, line, event, decision));
        }
    }

    private static String changeJson(Replay.Change change, Path file, long line, AuditEvent e, Decision d) {
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("effect", e.effect());
        recorded.put("enforced", e.enforced());
        recorded.put("ruleId", e.ruleId());
        Map<String, Object> candidate = new LinkedHashMap<>();
        candidate.put("effect", d.effect().key());
        candidate.put("enforced", d.enforced());
        candidate.put("ruleId", d.ruleId());
        candidate.put("rules", d.rules().stream().map(Rule::id).toList());
        candidate.put("message", d.message());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("change", change.key());
        row.put("file", file.toString());
        row.put("line", line);
        row.put("eventId", e.eventId());
        row.put("timestamp", String.valueOf(e.timestamp()));
        row.put("kind", e.kind());
        row.put("target", e.target());
        row.put("principal", e.principal());
        row.put("agentId", e.agentId());
        row.put("sessionId", e.sessionId());
        row.put("recorded", recorded);
        row.put("candidate", candidate);
        try {
            return JSON.writeValueAsString(row);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void printChange(PrintWriter out, Replay replay, Replay.Change change) {
        long n = replay.count(change);
        if (n == 0) {
            return;
        }
        out.println();
        out.println(change.title.toUpperCase(Locale.ROOT) + ": " + n + (n == 1 ? " action" : " actions"));
        for (Map.Entry<String, List<Map.Entry<Replay.Key, Replay.Group>>> rule : replay.byRule(change)) {
            long inRule = rule.getValue().stream().mapToLong(g -> g.getValue().count).sum();
            out.println("  by " + ("default".equals(rule.getKey()) ? "the default for the kind" : "rule "
                    + Terminal.printable(rule.getKey())) + ": " + inRule + (inRule == 1 ? " action" : " actions"));
            List<Map.Entry<Replay.Key, Replay.Group>> groups = rule.getValue();
            int shown = limit <= 0 ? groups.size() : Math.min(limit, groups.size());
            for (Map.Entry<Replay.Key, Replay.Group> g : groups.subList(0, shown)) {
                Replay.Key key = g.getKey();
                List<String> actors = new ArrayList<>(g.getValue().actors);
                String who = String.join(", ", actors.subList(0, Math.min(3, actors.size())))
                        + (actors.size() > 3 ? " +" + (actors.size() - 3) : "");
                out.println(String.format(Locale.ROOT, "    %5dx  %-8s %s   [%s; recorded %s]", g.getValue().count,
                        key.kind(), Terminal.printable(key.target()), Terminal.printable(who),
                        Terminal.printable(key.recorded())));
            }
            if (shown < groups.size()) {
                out.println("    ... " + (groups.size() - shown) + " more distinct actions (--limit 0 lists all, --json lists each)");
            }
        }
    }

    private static String summary(Replay r, long skippedLines) {
        return "Summary: " + r.count(Replay.Change.NEWLY_DENIED) + " newly denied, "
                + r.count(Replay.Change.NEWLY_ALLOWED) + " newly allowed, "
                + r.count(Replay.Change.NOW_ENFORCED) + " now enforced, "
                + r.count(Replay.Change.NO_LONGER_ENFORCED) + " no longer enforced, "
                + r.count(Replay.Change.EFFECT_CHANGED) + " other effect changes; "
                + r.unchanged + " unchanged; " + r.newlyBlocked + " would now be blocked that passed when recorded"
                + (r.notReplayable > 0 ? "; " + r.notReplayable + " not replayable" : "")
                + (skippedLines > 0 ? "; " + skippedLines + " unreadable lines skipped" : "") + ".";
    }
}
