package dev.klyo.springai.boot;

import dev.klyo.policy.Mode;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code klyo.*} settings of the Spring Boot starter. */
@ConfigurationProperties(prefix = "klyo")
public class KlyoProperties {

    /** Whether Klyo governs chat clients and tool calls. When false the starter registers nothing. */
    private boolean enabled = true;

    /**
     * Overrides the policy's own mode: enforce (denials and redactions take effect) or observe
     * (everything proceeds; the audit log records what would have happened). Unset keeps the policy's mode.
     */
    private Mode mode;

    /**
     * Where the policy is: a file path (relative to the working directory), a file: URL, or a
     * classpath: location. The application fails to start when it is missing or invalid.
     */
    private String policy = "classpath:klyo-policy.yaml";

    /** JSON Lines file that receives one audit event per decision. Unset: no audit file. */
    private Path auditFile;

    /** Allow actions when evaluating the policy itself fails. Off: Klyo fails closed. */
    private boolean failOpen;

    /**
     * Agent id recorded for calls whose context names none (see klyo.agentId in the advisor or
     * tool context). Unset: spring.application.name, if set.
     */
    private String agentId;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Mode getMode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public String getPolicy() {
        return policy;
    }

    public void setPolicy(String policy) {
        this.policy = policy;
    }

    public Path getAuditFile() {
        return auditFile;
    }

    public void setAuditFile(Path auditFile) {
        this.auditFile = auditFile;
    }

    public boolean isFailOpen() {
        return failOpen;
    }

    public void setFailOpen(boolean failOpen) {
        this.failOpen = failOpen;
    }

    public String getAgentId() {
        return agentId;
    }

    public void setAgentId(String agentId) {
        this.agentId = agentId;
    }
}
