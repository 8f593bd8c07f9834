package dev.klyo.operator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renders {@link ReportData} as one self-contained HTML page: styles, script and charts inline,
 * nothing fetched. The page answers, per agent and session, what was touched, what ran and where
 * data went. Event content is escaped, and a Content-Security-Policy lets only the page's own
 * script run, so even a value that slipped past escaping could not execute.
 */
final class HtmlReport {

    static final int MAX_ROWS = 200;
    static final int TOP = 10;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private static final String STYLE = """
            :root{--fg:#1d2330;--muted:#5b6475;--line:#d9dee7;--bg:#f6f7f9;--deny:#c62828;--would:#b26a00}
            *{box-sizing:border-box}
            body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
            header,main,footer{max-width:1220px;margin:0 auto;padding:0 20px}
            header{padding-top:18px}
            h1{font-size:22px;margin:0 0 2px}
            h2{font-size:17px;margin:0 0 8px}
            h3{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:16px 0 6px}
            code{font:12.5px ui-monospace,"DejaVu Sans Mono",monospace;word-break:break-all}
            .meta,.note{color:var(--muted);margin:2px 0}
            .kpis{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0}
            .kpi{background:#fff;border:1px solid var(--line);border-radius:8px;padding:8px 14px;min-width:120px}
            .kpi b{display:block;font-size:20px}
            .kpi.deny b{color:var(--deny)}.kpi.would b{color:var(--would)}
            .answers{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 14px;margin:0 0 14px}
            .answers li{margin:2px 0}
            #controls{display:flex;gap:14px;align-items:center;flex-wrap:wrap;margin:0 0 14px}
            #controls input[type=search]{width:360px;padding:6px 8px;border:1px solid var(--line);border-radius:6px}
            #controls a{color:#2456a6}
            .charts{display:grid;grid-template-columns:1fr 1fr;gap:14px;margin-bottom:18px}
            .card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 14px}
            .card.wide{grid-column:1/-1}
            .chart text{font:11px system-ui,"DejaVu Sans",sans-serif;fill:var(--muted)}
            .chart text.label{fill:var(--fg)}
            .chart .grid{stroke:#e6e9ef}
            .legend span{margin-right:14px;color:var(--muted);font-size:12px}
            .legend i{display:inline-block;width:10px;height:10px;margin-right:5px;border-radius:2px}
            .agent{background:#fff;border:1px solid var(--line);border-radius:8px;padding:14px;margin-bottom:18px}
            details.session{border-top:1px solid var(--line);padding:8px 0}
            summary{cursor:pointer;font-weight:600}
            summary .badge{font-weight:400}
            .badge{display:inline-block;padding:0 7px;border-radius:10px;font-size:12px;background:#eef1f5;margin-left:6px}
            .badge.deny{background:#fde7e7;color:var(--deny)}.badge.would{background:#fff1dc;color:var(--would)}
            table{border-collapse:collapse;width:100%;background:#fff}
            th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eceff4;vertical-align:top}
            th{font-size:12px;color:var(--muted);cursor:pointer;user-select:none;white-space:nowrap}
            td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
            tr.deny td:first-child{box-shadow:inset 3px 0 var(--deny)}
            tr.would td:first-child{box-shadow:inset 3px 0 var(--would)}
            .out-deny{color:var(--deny);font-weight:600}.out-would{color:var(--would);font-weight:600}
            .empty{color:var(--muted);font-style:italic;margin:4px 0}
            footer{color:var(--muted);font-size:12px;padding-bottom:30px}
            @media print{#controls{display:none}details.session{display:block}}
            """;

    /** Adds a filter box and a denials-only switch, and sorts a table by a clicked column. Reads only the page. */
    private static final String SCRIPT = """
            (function () {
              var controls = document.getElementById('controls');
              var box = document.createElement('input');
              box.type = 'search'; box.id = 'filter';
              box.placeholder = 'Filter rows: path, host, command, tool, rule';
              var label = document.createElement('label');
              var only = document.createElement('input');
              only.type = 'checkbox'; only.id = 'only-denied';
              label.appendChild(only);
              label.appendChild(document.createTextNode(' denials only'));
              controls.insertBefore(label, controls.firstChild);
              controls.insertBefore(box, controls.firstChild);
              function apply() {
                var q = box.value.toLowerCase();
                document.querySelectorAll('table.rows tbody tr').forEach(function (tr) {
                  var denied = tr.classList.contains('deny') || tr.classList.contains('would');
                  tr.hidden = (q && tr.textContent.toLowerCase().indexOf(q) < 0) || (only.checked && !denied);
                });
              }
              box.addEventListener('input', apply);
              only.addEventListener('change', apply);
              document.querySelectorAll('table.rows th').forEach(function (th) {
                th.title = 'sort';
                th.addEventListener('click', function () {
                  var body = th.closest('table').tBodies[0];
                  var i = th.cellIndex;
                  var down = th.getAttribute('data-dir') !== 'down';
                  th.setAttribute('data-dir', down ? 'down' : 'up');
                  var rows = Array.prototype.slice.call(body.rows);
                  function key(tr) {
                    var c = tr.cells[i];
                    var v = c.getAttribute('data-v');
                    return v !== null ? Number(v) : c.textContent.toLowerCase();
                  }
                  rows.sort(function (a, b) {
                    var x = key(a), y = key(b);
                    var r = x < y ? -1 : x > y ? 1 : 0;
                    return down ? -r : r;
                  });
                  rows.forEach(function (tr) { body.appendChild(tr); });
                });
              });
              document.documentElement.setAttribute('data-script', 'ran');
            })();
            """;

    private final ReportData data;
    private final StringBuilder html = new StringBuilder(64 * 1024);

    private HtmlReport(ReportData data) {
        this.data = data;
    }

    static String render(ReportData data, Instant generated) {
        return new HtmlReport(data).page(generated);
    }

    private String page(Instant generated) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'; script-src '").append(sha256(SCRIPT)).append("'\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>Klyo audit report</title><style>").append(STYLE).append("</style></head><body>");
        header(generated);
        html.append("<main>");
        charts();
        int index = 0;
        for (Map.Entry<String, Map<String, Activity>> agent : data.agents.entrySet()) {
            agent(agent.getKey(), agent.getValue(), index++);
        }
        html.append("</main><footer>Generated by <code>klyo report</code> at ").append(TIME.format(generated))
                .append(". Every value shown comes from the audit log as recorded; values the policy redacts were ")
                .append("replaced before they were recorded.</footer>")
                .append("<script>").append(SCRIPT).append("</script></body></html>\n");
        return html.toString();
    }

    private void header(Instant generated) {
        Activity all = data.everything;
        long sent = all.destinations.values().stream().mapToLong(d -> d.bytesSent).sum();
        long sessions = data.agents.values().stream().mapToLong(Map::size).sum();
        html.append("<header><h1>Klyo audit report</h1><p class=\"meta\">");
        if (data.first() != null) {
            html.append(Html.text(TIME.format(data.first()))).append(" to ").append(Html.text(TIME.format(data.last())))
                    .append(" &middot; ");
        }
        html.append("from ").append(Html.text(String.join(", ", data.sources)));
        if (!data.policyRevisions.isEmpty()) {
            html.append(" &middot; policy ").append(Html.text(String.join(", ", data.policyRevisions)));
        }
        if (data.skippedLines > 0) {
            html.append(" &middot; ").append(data.skippedLines).append(" unreadable lines skipped");
        }
        html.append("</p><div class=\"kpis\">");
        kpi("", data.all.total(), "decisions");
        kpi("", data.all.allowed, "allowed");
        kpi("deny", data.all.denied, "denied");
        kpi("would", data.all.wouldDeny, "would deny (observe)");
        kpi("", data.agents.size(), data.agents.size() == 1 ? "agent" : "agents");
        kpi("", sessions, sessions == 1 ? "session" : "sessions");
        html.append("</div><ul class=\"answers\">")
                .append("<li><b>What did the agents touch?</b> ").append(all.files.size()).append(" files")
                .append(deniedSuffix(all.files.values().stream().map(f -> f.counts).toList())).append("</li>")
                .append("<li><b>What did they run?</b> ").append(all.processes.size()).append(" distinct commands")
                .append(deniedSuffix(List.copyOf(all.processes.values()))).append("</li>")
                .append("<li><b>Where did the data go?</b> ").append(all.destinations.size()).append(" destinations, ")
                .append(Html.text(bytes(sent))).append(" sent in request bodies")
                .append(deniedSuffix(all.destinations.values().stream().map(d -> d.counts).toList())).append("</li>")
                .append("</ul><nav id=\"controls\">");
        int index = 0;
        for (String agent : data.agents.keySet()) {
            html.append("<a href=\"#agent-").append(index++).append("\">").append(Html.text(agent)).append("</a>");
        }
        html.append("</nav></header>");
    }

    private static String deniedSuffix(List<Counts> rows) {
        long denied = rows.stream().filter(c -> c.denied > 0).count();
        long would = rows.stream().filter(c -> c.wouldDeny > 0).count();
        return (denied > 0 ? ", <span class=\"out-deny\">" + denied + " with denials</span>" : "")
                + (would > 0 ? ", <span class=\"out-would\">" + would + " observe-mode would deny</span>" : "");
    }

    private void kpi(String css, long value, String label) {
        html.append("<div class=\"kpi ").append(css).append("\"><b>").append(value).append("</b>")
                .append(Html.text(label)).append("</div>");
    }

    private void charts() {
        html.append("<section class=\"charts\"><div class=\"card wide\"><h2>Decisions over time</h2>")
                .append(Svg.timeline(data.perSecond, new String[] {"allowed", "denied", "would deny"}))
                .append("</div><div class=\"card\"><h2>Top denied rules</h2>");
        List<Svg.Bar> rules = data.denyRules.entrySet().stream()
                .sorted(Map.Entry.comparingByValue(Counts::mostDeniedFirst))
                .limit(TOP)
                .map(e -> new Svg.Bar(e.getKey(), new long[] {e.getValue().denied, e.getValue().wouldDeny},
                        denials(e.getValue())))
                .toList();
        html.append(Svg.bars(rules, new String[] {"denied", "would deny (observe)"}, new String[] {Svg.RED, Svg.AMBER},
                "top denied rules"));
        html.append("</div><div class=\"card\"><h2>Destinations by volume</h2>");
        List<Svg.Bar> destinations = data.everything.destinations.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, Activity.Destination> e) ->
                        e.getValue().bytesSent + e.getValue().bytesBlocked).reversed()
                        .thenComparing(e -> -e.getValue().counts.total()))
                .limit(TOP)
                .map(e -> new Svg.Bar(e.getKey(), new long[] {e.getValue().bytesSent, e.getValue().bytesBlocked},
                        volume(e.getValue())))
                .toList();
        html.append(Svg.bars(destinations, new String[] {"request bytes sent", "blocked"},
                new String[] {Svg.BLUE, Svg.RED}, "destinations by volume"));
        html.append("</div></section>");
    }

    private static String denials(Counts c) {
        List<String> parts = new ArrayList<>();
        if (c.denied > 0) {
            parts.add(c.denied + " denied");
        }
        if (c.wouldDeny > 0) {
            parts.add(c.wouldDeny + " would deny");
        }
        return String.join(", ", parts);
    }

    private static String volume(Activity.Destination d) {
        List<String> parts = new ArrayList<>();
        if (d.bytesSent > 0 || d.bytesBlocked == 0) {
            parts.add(bytes(d.bytesSent) + " sent");
        }
        if (d.bytesBlocked > 0) {
            parts.add(bytes(d.bytesBlocked) + " blocked");
        }
        long n = d.counts.total();
        return String.join(", ", parts) + " \u00b7 " + n + (n == 1 ? " request" : " requests");
    }

    private void agent(String agent, Map<String, Activity> sessions, int index) {
        Counts counts = new Counts();
        List<String> principals = new ArrayList<>();
        for (Activity a : sessions.values()) {
            counts.allowed += a.all.allowed;
            counts.denied += a.all.denied;
            counts.wouldDeny += a.all.wouldDeny;
            a.principals.stream().filter(p -> !principals.contains(p)).forEach(principals::add);
        }
        html.append("<section class=\"agent\" id=\"agent-").append(index).append("\" data-agent=\"")
                .append(Html.text(agent)).append("\"><h2>Agent <code>").append(Html.text(agent)).append("</code>")
                .append(badges(counts)).append("</h2><p class=\"meta\">").append(sessions.size())
                .append(sessions.size() == 1 ? " session" : " sessions");
        if (!principals.isEmpty()) {
            html.append(" &middot; on behalf of ").append(Html.text(String.join(", ", principals)));
        }
        html.append("</p>");
        int shown = 0;
        for (Map.Entry<String, Activity> session : sessions.entrySet()) {
            if (shown++ == MAX_ROWS) {
                html.append("<p class=\"note\">").append(sessions.size() - MAX_ROWS)
                        .append(" more sessions not shown; narrow with --agent or --session.</p>");
                break;
            }
            session(session.getKey(), session.getValue());
        }
        html.append("</section>");
    }

    private void session(String id, Activity a) {
        html.append("<details class=\"session\" open data-session=\"").append(Html.text(id)).append("\"><summary>")
                .append("Session <code>").append(Html.text(id)).append("</code>").append(badges(a.all))
                .append(" <span class=\"meta\">");
        if (!a.principals.isEmpty()) {
            html.append(Html.text(String.join(", ", a.principals))).append(" &middot; ");
        }
        html.append(Html.text(TIME.format(a.first))).append(" to ").append(Html.text(TIME.format(a.last)))
                .append("</span></summary>");

        html.append("<h3>Files touched</h3>");
        table("files", new String[] {"Path", "Operations", "Count", "Outcome"}, a.files, f -> f.counts,
                (path, f) -> cell(path, true) + cell(join(f.operations), false) + count(f.counts.total()));

        html.append("<h3>Processes run</h3>");
        table("processes", new String[] {"Command line", "Count", "Outcome"}, a.processes, c -> c,
                (cmd, c) -> cell(cmd, true) + count(c.total()));

        html.append("<h3>Destinations contacted</h3>");
        table("destinations", new String[] {"Host", "Via", "Requests", "Methods", "Bytes sent", "Blocked", "Paths",
                "Outcome"}, a.destinations, d -> d.counts,
                (host, d) -> cell(host, true) + cell(String.join(", ", d.channels), false) + count(d.counts.total())
                        + cell(join(d.methods), false) + bytesCell(d.bytesSent, d.unseenBodies)
                        + bytesCell(d.bytesBlocked, 0)
                        + cell(String.join(" ", d.paths) + (d.paths.size() == Activity.MAX_PATHS ? " \u2026" : ""), true));

        html.append("<h3>Tools and queries</h3>");
        table("tools", new String[] {"Kind", "Call", "Arguments", "Count", "Outcome"}, a.tools, c -> c.counts,
                (call, c) -> cell(call.kind(), false) + cell(call.target(), true)
                        + cell(String.join("\n", c.arguments) + (c.arguments.size() == Activity.MAX_ARGUMENTS ? "\n\u2026" : ""), true)
                        + count(c.counts.total()));
        if (a.modelExchanges > 0) {
            html.append("<p class=\"note\">").append(a.modelExchanges).append(" model prompts and responses.</p>");
        }
        html.append("</details>");
    }

    /** Renders one row per key, denials first, the last column being the outcome. */
    private <K, V> void table(String css, String[] headings, Map<K, V> rows, Function<V, Counts> counts,
                              java.util.function.BiFunction<K, V, String> cells) {
        if (rows.isEmpty()) {
            html.append("<p class=\"empty\">None.</p>");
            return;
        }
        html.append("<table class=\"rows ").append(css).append("\"><thead><tr>");
        for (String h : headings) {
            html.append("<th>").append(Html.text(h)).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        List<Map.Entry<K, V>> sorted = rows.entrySet().stream()
                .sorted((x, y) -> Counts.mostDeniedFirst(counts.apply(x.getValue()), counts.apply(y.getValue())))
                .toList();
        for (Map.Entry<K, V> row : sorted.subList(0, Math.min(sorted.size(), MAX_ROWS))) {
            Counts c = counts.apply(row.getValue());
            String rowClass = c.denied > 0 ? "deny" : c.wouldDeny > 0 ? "would" : "ok";
            html.append("<tr class=\"").append(rowClass).append("\">").append(cells.apply(row.getKey(), row.getValue()))
                    .append(outcome(c)).append("</tr>");
        }
        html.append("</tbody></table>");
        if (sorted.size() > MAX_ROWS) {
            html.append("<p class=\"note\">").append(sorted.size() - MAX_ROWS)
                    .append(" more rows not shown; narrow with the report's filters.</p>");
        }
    }

    private static String outcome(Counts c) {
        List<String> parts = new ArrayList<>();
        if (c.denied > 0) {
            parts.add("<span class=\"out-deny\">" + c.denied + " denied</span>");
        }
        if (c.wouldDeny > 0) {
            parts.add("<span class=\"out-would\">" + c.wouldDeny + " would deny</span>");
        }
        if (c.allowed > 0) {
            parts.add(c.allowed + " allowed");
        }
        String rules = c.denyRules.isEmpty() ? ""
                : " <span class=\"meta\">by " + c.denyRules.stream().map(r -> "<code>" + Html.text(r) + "</code>")
                        .collect(Collectors.joining(", ")) + "</span>";
        return "<td>" + String.join(", ", parts) + rules + "</td>";
    }

    private static String badges(Counts c) {
        return "<span class=\"badge\">" + c.total() + " events</span>"
                + (c.denied > 0 ? "<span class=\"badge deny\">" + c.denied + " denied</span>" : "")
                + (c.wouldDeny > 0 ? "<span class=\"badge would\">" + c.wouldDeny + " would deny</span>" : "");
    }

    private static String cell(String value, boolean code) {
        return code ? "<td><code>" + Html.text(value) + "</code></td>" : "<td>" + Html.text(value) + "</td>";
    }

    private static String count(long n) {
        return "<td class=\"n\" data-v=\"" + n + "\">" + n + "</td>";
    }

    private static String bytesCell(long n, long unseen) {
        String text = bytes(n) + (unseen > 0 ? " + " + unseen + " unseen" : "");
        return "<td class=\"n\" data-v=\"" + n + "\" title=\"" + n + " bytes\">" + Html.text(text) + "</td>";
    }

    private static String join(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .map(e -> e.getValue() == 1 ? e.getKey() : e.getKey() + " \u00d7" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        if (n < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.1f GiB", n / (1024.0 * 1024 * 1024));
    }

    private static String sha256(String script) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
