package dev.klyo.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Asks an HTTP endpoint: {@code POST} of {@code {"kind","target","rules","message","principal",
 * "agentId","sessionId"}}; the endpoint answers {@code 200 {"approved": true, "approver": "..."}}
 * within the timeout. Any other status, body, error or timeout is a refusal.
 */
public final class WebhookApprover implements Approver {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final Duration timeout;
    private final HttpClient client;

    public WebhookApprover(URI endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public ApprovalResult request(ApprovalRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", request.action().kind().key());
        body.put("target", request.action().target());
        body.put("rules", request.ruleIds());
        body.put("message", request.message());
        body.put("principal", request.action().context().principal());
        body.put("agentId", request.action().context().agentId());
        body.put("sessionId", request.action().context().sessionId());
        try {
            HttpRequest http = HttpRequest.newBuilder(endpoint).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
            HttpResponse<String> response = client.send(http, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return ApprovalResult.refused("webhook", "approval endpoint answered " + response.statusCode());
            }
            JsonNode answer = JSON.readTree(response.body());
            String approver = answer.path("approver").asText("webhook");
            return answer.path("approved").asBoolean(false)
                    ? ApprovalResult.approved(approver)
                    : ApprovalResult.refused(approver, answer.path("reason").asText("refused by " + approver));
        } catch (IOException e) {
            return ApprovalResult.refused("webhook", "approval endpoint unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ApprovalResult.refused("webhook", "interrupted while waiting for approval");
        }
    }
}
