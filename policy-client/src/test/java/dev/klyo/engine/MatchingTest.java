package dev.klyo.engine;

import static dev.klyo.engine.TestPolicies.engine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.action.AgentContext;
import dev.klyo.action.DnsLookup;
import dev.klyo.action.FileAccess;
import dev.klyo.action.FileOperation;
import dev.klyo.action.HttpBody;
import dev.klyo.action.HttpRequest;
import dev.klyo.action.NetworkConnect;
import dev.klyo.action.ProcessStart;
import dev.klyo.action.SqlStatement;
import dev.klyo.action.ToolCall;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every match key of every kind, through the loader and the indexed engine. */
class MatchingTest {

    private static boolean denied(PolicyEngine engine, dev.klyo.action.Action action) {
        return engine.decide(action).blocked();
    }

    @Test
    void subdomainWildcardsMatchOnlyProperSubdomains() {
        PolicyEngine e = engine("""
                version: 1
                rules:
                  - id: x
                    effect: deny
                    match: {network: {hosts: ["*.x.com"]}}
                """);
        assertThat(denied(e, DnsLookup.of("a.x.com"))).isTrue();
        assertThat(denied(e, DnsLookup.of("a.b.x.com"))).isTrue();
        assertThat(denied(e, DnsLookup.of("A.X.COM."))).isTrue();
        assertThat(denied(e, DnsLookup.of("x.com"))).isFalse();
        assertThat(denied(e, DnsLookup.of("evilx.com"))).isFalse();
        assertThat(denied(e, DnsLookup.of("a.x.com.evil.net"))).isFalse();
        assertThat(denied(e, DnsLookup.of(".x.com"))).isFalse();
    }

    @Test
    void exactHostsAndTheAnyHost() {
        PolicyEngine e = engine("""
                version: 1
                defaults: {http: deny}
                rules:
                  - id: exact
                    effect: allow
                    match: {http: {hosts: [Api.Example.com]}}
                """);
        assertThat(denied(e, HttpRequest.of("GET", "https://api.example.com/"))).isFalse();
        assertThat(denied(e, HttpRequest.of("GET", "https://API.EXAMPLE.COM./"))).isFalse();
        assertThat(denied(e, HttpRequest.of("GET", "https://x.api.example.com/"))).isTrue();
        PolicyEngine any = engine("""
                version: 1
                defaults: {http: deny}
                rules:
                  - id: any
                    effect: allow
                    match: {http: {hosts: ["*"]}}
                """);
        assertThat(denied(any, HttpRequest.of("GET", "https://whatever.example/"))).isFalse();
    }

    @Test
    void ipv4AndIpv6CidrsAndMappedAddresses() {
        PolicyEngine e = engine("""
                version: 1
                rules:
                  - id: private
                    effect: deny
                    match: {network: {hosts: [10.0.0.0/8, 192.168.1.0/24, 172.16.0.0/12, "fd00::/8", "2001:db8::/32", 203.0.113.7]}}
                """);
        assertThat(denied(e, NetworkConnect.tcp("", "10.255.0.1", 80))).isTrue();
        assertThat(denied(e, NetworkConnect.tcp("", "11.0.0.1", 80))).isFalse();
        assertThat(denied(e, NetworkConnect.tcp("", "192.168.1.200", 80))).isTrue();
        assertThat(denied(e, NetworkConnect.tcp("", "192.168.2.1", 80))).isFalse();
        assertThat(denied(e, NetworkConnect.tcp("", "172.31.255.255", 80))).isTrue();
        assertThat(denied(e, NetworkConnect.tcp("", "172.32.0.0", 80))).isFalse();
        assertThat(denied(e, NetworkConnect.tcp("", "fd12:3456::1", 80))).isTrue();
        assertThat(denied(e, NetworkConnect.tcp("", "fe80::1", 80))).isFalse();
        assertThat(denied(e, NetworkConnect.tcp("", "2001:0db8:0000::0001", 80))).isTrue();
        assertThat(denied(e, NetworkConnect.tcp("", "[2001:db8::1]", 80))).isTrue();
        assertThat(denied(e, NetworkConnect.tcp("", "203.0.113.7", 80))).isTrue();
        assertThat(denied(e, NetworkConnect.tcp("", "203.0.113.8", 80))).isFalse();
        assertThat(denied(e, NetworkConnect.tcp("", "::ffff:10.1.1.1", 80))).as("IPv4-mapped").isTrue();
        assertThat(denied(e, NetworkConnect.tcp("", "::ffff:a01:101", 80))).as("IPv4-mapped, hex").isTrue();
        assertThat(denied(e, NetworkConnect.tcp("", "::ffff:11.1.1.1", 80))).isFalse();
        assertThat(denied(e, NetworkConnect.tcp("internal", "10.0.0.5", 80))).as("by resolved address").isTrue();
        assertThat(denied(e, HttpRequest.of("GET", "http://10.2.3.4:8080/x"))).isTrue();
        assertThat(denied(e, HttpRequest.of("GET", "http://[fd00::5]/x"))).isTrue();
    }

    @Test
    void mappedCidrsInPoliciesCoverPlainIpv4() {
        PolicyEngine e = engine("""
                version: 1
                rules:
                  - id: mapped
                    effect: deny
                    match: {network: {hosts: ["::ffff:10.0.0.0/104"]}}
                """);
        assertThat(denied(e, NetworkConnect.tcp("", "10.9.9.9", 80))).isTrue();
        assertThat(denied(e, NetworkConnect.tcp("", "::ffff:10.9.9.9", 80))).isTrue();
        assertThat(denied(e, NetworkConnect.tcp("", "11.9.9.9", 80))).isFalse();
    }

    @Test
    void portsAndPortRanges() {
        PolicyEngine e = engine("""
                version: 1
                defaults: {network: deny, http: deny}
                rules:
                  - id: web
                    effect: allow
                    match: {network: {hosts: ["*.example.com"], ports: [443, "8000-8999"], protocols: [tcp]}}
                """);
        assertThat(denied(e, NetworkConnect.tcp("a.example.com", "", 443))).isFalse();
        assertThat(denied(e, NetworkConnect.tcp("a.example.com", "", 8000))).isFalse();
        assertThat(denied(e, NetworkConnect.tcp("a.example.com", "", 8999))).isFalse();
        assertThat(denied(e, NetworkConnect.tcp("a.example.com", "", 9000))).isTrue();
        assertThat(denied(e, NetworkConnect.tcp("a.example.com", "", 80))).isTrue();
        assertThat(denied(e, new NetworkConnect(AgentContext.ANONYMOUS, "a.example.com", "", 443,
                NetworkConnect.Protocol.UDP))).isTrue();
        assertThat(denied(e, HttpRequest.of("GET", "https://a.example.com/"))).as("https means 443").isFalse();
        assertThat(denied(e, HttpRequest.of("GET", "http://a.example.com/"))).as("http means 80").isTrue();
        assertThat(denied(e, HttpRequest.of("GET", "http://a.example.com:8080/"))).isFalse();
    }

    @Test
    void anHttpRuleMatchesSchemeMethodAndPathAndNothingElse() {
        PolicyEngine e = engine("""
                version: 1
                defaults: {http: deny}
                rules:
                  - id: read-v1
                    effect: allow
                    match: {http: {hosts: [api.example.com], schemes: [https], methods: [get, HEAD], paths: ["/v1/**", "/health"]}}
                """);
        assertThat(denied(e, HttpRequest.of("GET", "https://api.example.com/v1/users/7"))).isFalse();
        assertThat(denied(e, HttpRequest.of("GET", "https://api.example.com/v1"))).isFalse();
        assertThat(denied(e, HttpRequest.of("head", "https://api.example.com/health"))).isFalse();
        assertThat(denied(e, HttpRequest.of("GET", "https://api.example.com/health/x"))).isTrue();
        assertThat(denied(e, HttpRequest.of("GET", "http://api.example.com/v1/x"))).isTrue();
        assertThat(denied(e, HttpRequest.of("POST", "https://api.example.com/v1/x"))).isTrue();
        assertThat(denied(e, HttpRequest.of("GET", "https://api.example.com/v2/x"))).isTrue();
        assertThat(denied(e, NetworkConnect.tcp("api.example.com", "", 443))).as("http rules match http only")
                .isFalse();
    }

    @Test
    void aNetworkRuleCoversHttpAndDnsButDnsRulesOnlyLookups() {
        PolicyEngine e = engine("""
                version: 1
                rules:
                  - id: evil
                    effect: deny
                    match: {network: {hosts: [evil.example]}}
                  - id: lookups
                    effect: deny
                    match: {dns: {hosts: [tracker.example]}}
                  - id: evil-ssh
                    effect: deny
                    match: {network: {hosts: [ssh.example], ports: [22]}}
                """);
        assertThat(denied(e, HttpRequest.of("GET", "https://evil.example/"))).isTrue();
        assertThat(denied(e, DnsLookup.of("evil.example"))).isTrue();
        assertThat(denied(e, DnsLookup.of("tracker.example"))).isTrue();
        assertThat(denied(e, NetworkConnect.tcp("tracker.example", "", 443))).isFalse();
        assertThat(denied(e, DnsLookup.of("ssh.example"))).as("a rule with ports says nothing about lookups")
                .isFalse();
        assertThat(denied(e, NetworkConnect.tcp("ssh.example", "", 22))).isTrue();
    }

    @Test
    void filePathsExpandHomeAndVariablesAndNormaliseTraversal() {
        PolicyEngine e = engine("""
                version: 1
                rules:
                  - id: ssh
                    effect: deny
                    match: {file: {paths: ["~/.ssh/**"]}}
                  - id: work-secrets
                    effect: deny
                    match: {file: {paths: ["${WORK}/secrets/*.key"], operations: [read]}}
                  - id: traversal
                    effect: deny
                    match: {file: {paths: ["/srv/public/../private/**"]}}
                  - id: env-files
                    effect: deny
                    match: {file: {paths: ["**/.env"]}}
                """);
        assertThat(denied(e, FileAccess.of("/home/agent/.ssh/id_rsa", FileOperation.READ))).isTrue();
        assertThat(denied(e, FileAccess.of("/home/agent/.ssh", FileOperation.LIST))).as("dir/** matches dir").isTrue();
        assertThat(denied(e, FileAccess.of("/home/agent/.ssh/keys/deep/k", FileOperation.WRITE))).isTrue();
        assertThat(denied(e, FileAccess.of("/home/agent/.sshx/k", FileOperation.READ))).isFalse();
        assertThat(denied(e, FileAccess.of("/home/agentx/.ssh/k", FileOperation.READ))).isFalse();
        assertThat(denied(e, FileAccess.of("/srv/work/secrets/a.key", FileOperation.READ))).isTrue();
        assertThat(denied(e, FileAccess.of("/srv/work/secrets/a.key", FileOperation.WRITE))).isFalse();
        assertThat(denied(e, FileAccess.of("/srv/work/secrets/sub/a.key", FileOperation.READ))).as("* stays in a segment")
                .isFalse();
        assertThat(denied(e, FileAccess.of("/srv/private/db.txt", FileOperation.READ))).isTrue();
        assertThat(denied(e, FileAccess.of("/srv/public/private/db.txt", FileOperation.READ))).isFalse();
        assertThat(denied(e, FileAccess.of("/app/.env", FileOperation.READ))).isTrue();
        assertThat(denied(e, FileAccess.of("/.env", FileOperation.READ))).isTrue();
        assertThat(denied(e, FileAccess.of("/app/.envrc", FileOperation.READ))).isFalse();
    }

    @Test
    void processCommandsMatchTheProgramOrItsNameAndArgsAnyArgument() {
        PolicyEngine e = engine("""
                version: 1
                rules:
                  - id: shell-c
                    effect: deny
                    match: {process: {commands: [bash, sh, /opt/*/bin/zsh], args: ["-c", "--command=*"]}}
                  - id: python
                    effect: deny
                    match: {process: {commands: ["python3*"]}}
                """);
        assertThat(denied(e, ProcessStart.of("/bin/bash", "-c", "rm -rf /"))).isTrue();
        assertThat(denied(e, ProcessStart.of("sh", "-x", "-c", "id"))).isTrue();
        assertThat(denied(e, ProcessStart.of("bash", "--command=id"))).isTrue();
        assertThat(denied(e, ProcessStart.of("bash", "script.sh"))).isFalse();
        assertThat(denied(e, ProcessStart.of("/opt/z/bin/zsh", "-c", "id"))).isTrue();
        assertThat(denied(e, ProcessStart.of("/usr/bin/zsh", "-c", "id"))).isFalse();
        assertThat(denied(e, ProcessStart.of("dash", "-c", "id"))).isFalse();
        assertThat(denied(e, ProcessStart.of("/usr/bin/python3.12", "x.py"))).isTrue();
        assertThat(denied(e, ProcessStart.of("python", "x.py"))).isFalse();
    }

    @Test
    void toolNamesAndServersAreGlobs() {
        PolicyEngine e = engine("""
                version: 1
                defaults: {tool: deny}
                rules:
                  - id: github-read
                    effect: allow
                    match: {tool: {names: ["get_*", "list_{issues,pulls}"], servers: ["github*"]}}
                  - id: local
                    effect: allow
                    match: {tool: {names: [calculator]}}
                """);
        assertThat(denied(e, tool("get_issue", "github"))).isFalse();
        assertThat(denied(e, tool("list_pulls", "github-enterprise"))).isFalse();
        assertThat(denied(e, tool("list_repos", "github"))).isTrue();
        assertThat(denied(e, tool("get_issue", "gitlab"))).isTrue();
        assertThat(denied(e, tool("get_issue", ""))).isTrue();
        assertThat(denied(e, tool("calculator", ""))).isFalse();
        assertThat(denied(e, tool("calculator", "any-server"))).isFalse();
        assertThat(denied(e, tool("Calculator", ""))).as("names are case-sensitive").isTrue();
    }

    @Test
    void sqlDataSources() {
        PolicyEngine e = engine("""
                version: 1
                rules:
                  - id: prod
                    effect: deny
                    match: {sql: {dataSources: ["jdbc:postgresql://prod-*"]}}
                """);
        assertThat(denied(e, new SqlStatement(null, "select 1", "jdbc:postgresql://prod-db:5432/app"))).isTrue();
        assertThat(denied(e, new SqlStatement(null, "select 1", "jdbc:postgresql://staging:5432/app"))).isFalse();
    }

    private static ToolCall tool(String name, String server) {
        return new ToolCall(AgentContext.ANONYMOUS, name, server, "{}", Map.of());
    }

    static HttpRequest http(String method, String url) {
        return new HttpRequest(AgentContext.ANONYMOUS, method, URI.create(url), Map.of("Accept", List.of("*/*")),
                HttpBody.NONE);
    }
}
