package dev.klyo.operator;

import dev.klyo.audit.AuditEvent;
import java.util.Set;
import java.util.TreeSet;

/** How often one thing was done, and how the policy answered, for one row of the report. */
final class Counts {

    long allowed;
    long denied;
    long wouldDeny;
    /** The rules that denied it (blocked or observed). */
    final Set<String> denyRules = new TreeSet<>();

    void add(AuditEvent e) {
        if ("deny".equals(e.effect())) {
            if (e.enforced()) {
                denied++;
            } else {
                wouldDeny++;
            }
            denyRules.add(e.ruleId() == null ? "default" : e.ruleId());
        } else {
            allowed++;
        }
    }

    long total() {
        return allowed + denied + wouldDeny;
    }

    /** Orders rows so that what was denied comes first, then what was done most. */
    static int mostDeniedFirst(Counts a, Counts b) {
        int byDenied = Long.compare(b.denied + b.wouldDeny, a.denied + a.wouldDeny);
        return byDenied != 0 ? byDenied : Long.compare(b.total(), a.total());
    }
}
