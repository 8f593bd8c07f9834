package dev.klyo.benchmarks;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.AuthorizationSuccessResponse;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.exception.CacheException;
import com.cedarpolicy.model.policy.Policy;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.IpAddress;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import dev.klyo.benchmarks.Workload.Kind;
import dev.klyo.benchmarks.Workload.Outcome;
import dev.klyo.benchmarks.Workload.Probe;
import dev.klyo.benchmarks.Workload.RuleSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * cedar-java on a workload. Exact hosts and tool names become resource equalities in the policy
 * scope (Cedar's idiom); wildcards become {@code like} on a context string, CIDRs
 * {@code isInRange}. The policy set is {@link PolicySet#cache() cached} on the native side, the
 * fastest way cedar-java offers, so a decision does not re-send and re-parse every policy.
 */
public class CedarState extends WorkloadParams {

    private static final EntityTypeName USER = EntityTypeName.parse("User").orElseThrow();
    private static final EntityTypeName ACTION = EntityTypeName.parse("Action").orElseThrow();

    final BasicAuthorizationEngine engine = new BasicAuthorizationEngine();
    final Set<Entity> entities = Set.of();
    PolicySet policies;
    AuthorizationRequest[] requests;

    @Setup(Level.Trial)
    public void setUp() throws CacheException, AuthException {
        Workload workload = workload();
        Set<Policy> set = new LinkedHashSet<>();
        for (RuleSpec r : workload.rules()) {
            set.add(new Policy(policy(workload.kind(), r, workload.conditions()), r.id()));
        }
        policies = new PolicySet(set);
        policies.cache();
        requests = workload.probes().stream().map(p -> request(workload.kind(), p)).toArray(AuthorizationRequest[]::new);
        for (int i = 0; i < requests.length; i++) {
            Expectations.check("cedar-java", workload, workload.probes().get(i), outcome(decide(i)));
        }
    }

    AuthorizationResponse decide(int probe) throws AuthException {
        return engine.isAuthorized(requests[probe], policies, entities);
    }

    static String policy(Kind kind, RuleSpec r, boolean conditions) {
        String effect = r.deny() ? "forbid" : "permit";
        List<String> when = new ArrayList<>();
        String scope = switch (kind) {
            case NETWORK -> {
                String p = r.pattern();
                if (p.startsWith("*.")) {
                    when.add("context.host like \"" + p + "\"");
                    yield "action == Action::\"connect\", resource";
                }
                if (p.contains("/")) {
                    when.add("context.address.isInRange(ip(\"" + p + "\"))");
                    yield "action == Action::\"connect\", resource";
                }
                yield "action == Action::\"connect\", resource == Host::\"" + p + "\"";
            }
            case FILE -> {
                when.add("context.path like \"" + like(r.pattern()) + "\"");
                yield "action == Action::\"read\", resource";
            }
            case TOOL -> {
                if (r.server() != null) {
                    when.add("context.server == \"" + r.server() + "\"");
                }
                if (r.pattern().contains("*")) {
                    when.add("context.name like \"" + r.pattern() + "\"");
                    yield "action == Action::\"call\", resource";
                }
                yield "action == Action::\"call\", resource == Tool::\"" + r.pattern() + "\"";
            }
        };
        if (conditions) {
            when.add("principal == User::\"" + Workload.PRINCIPAL + "\"");
        }
        String body = effect + "(principal, " + scope + ")";
        return when.isEmpty() ? body + ";" : body + " when { " + String.join(" && ", when) + " };";
    }

    /**
     * Cedar's {@code like} has one wildcard, {@code *}, which also crosses {@code /}: a path glob
     * becomes its nearest (more permissive) {@code like} pattern.
     */
    static String like(String glob) {
        return glob.replace("**/", "*").replace("**", "*");
    }

    private static AuthorizationRequest request(Kind kind, Probe p) {
        EntityUID principal = USER.of(p.principal());
        return switch (kind) {
            case NETWORK -> new AuthorizationRequest(principal, ACTION.of("connect"),
                    EntityTypeName.parse("Host").orElseThrow().of(p.target()),
                    Map.<String, Value>of("host", new PrimString(p.target()), "address", new IpAddress(p.address())));
            case FILE -> new AuthorizationRequest(principal, ACTION.of("read"),
                    EntityTypeName.parse("File").orElseThrow().of(p.target()),
                    Map.<String, Value>of("path", new PrimString(p.target())));
            case TOOL -> new AuthorizationRequest(principal, ACTION.of("call"),
                    EntityTypeName.parse("Tool").orElseThrow().of(p.target()),
                    Map.<String, Value>of("name", new PrimString(p.target()), "server", new PrimString(p.server())));
        };
    }

    private static Outcome outcome(AuthorizationResponse response) {
        if (response.type != AuthorizationResponse.SuccessOrFailure.Success || response.success.isEmpty()) {
            throw new IllegalStateException("cedar-java failed: " + response.errors);
        }
        AuthorizationSuccessResponse success = response.success.get();
        if (!success.getErrors().isEmpty()) {
            throw new IllegalStateException("cedar-java policy errors: " + success.getErrors());
        }
        if (success.isAllowed()) {
            return Outcome.ALLOW;
        }
        return success.getReason().isEmpty() ? Outcome.DEFAULT_DENY : Outcome.DENY;
    }
}
