package dev.klyo.central;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klyo.policy.Policy;
import dev.klyo.policy.PolicyException;
import dev.klyo.policy.PolicyLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The signed content of a bundle: {@code {"revision":"…","issued":"<ISO-8601>","policy":"<policy text>","teams":{"<group>":"<policy text>"}}}.
 * Policies travel as their source text (YAML or JSON) and are validated in full by
 * {@link PolicyLoader} before anything is applied.
 */
public final class BundlePayload {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BundlePayload() {
    }

    public static byte[] encode(String revision, String policyText, Map<String, String> teamTexts) {
        return encode(revision, Instant.now(), policyText, teamTexts);
    }

    /** @param issued when the bundle was signed: agents refuse a bundle issued before the one they run */
    public static byte[] encode(String revision, Instant issued, String policyText, Map<String, String> teamTexts) {
        ObjectNode root = JSON.createObjectNode();
        root.put("revision", revision);
        root.put("issued", issued.toString());
        root.put("policy", policyText);
        ObjectNode teams = root.putObject("teams");
        new TreeMap<>(teamTexts).forEach(teams::put);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PolicySet decode(byte[] payload, String sourceName, PolicyLoader loader) throws BundleException {
        JsonNode root;
        try {
            root = JSON.readTree(new String(payload, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BundleException("malformed bundle payload: not JSON");
        }
        if (root == null || !root.path("policy").isTextual()) {
            throw new BundleException("malformed bundle payload: no 'policy' text");
        }
        Policy org = parse(loader, root.get("policy").asText(), sourceName + "#policy");
        Map<String, Policy> teams = new LinkedHashMap<>();
        JsonNode teamNode = root.path("teams");
        if (!teamNode.isMissingNode() && !teamNode.isObject()) {
            throw new BundleException("malformed bundle payload: 'teams' must map group names to policy texts");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = teamNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new BundleException("malformed bundle payload: team '" + e.getKey() + "' is not a policy text");
            }
            teams.put(e.getKey(), parse(loader, e.getValue().asText(), sourceName + "#teams/" + e.getKey()));
        }
        String revision = root.path("revision").asText("");
        return new PolicySet(org, teams, revision.isEmpty() ? org.revision() : revision);
    }

    /** When the bundle was signed; {@link Instant#EPOCH} for a payload that does not say. */
    public static Instant issued(byte[] payload) throws BundleException {
        try {
            String issued = JSON.readTree(payload).path("issued").asText("");
            return issued.isEmpty() ? Instant.EPOCH : Instant.parse(issued);
        } catch (IOException | DateTimeParseException e) {
            throw new BundleException("malformed bundle payload: 'issued' is not an ISO-8601 instant");
        }
    }

    private static Policy parse(PolicyLoader loader, String text, String name) throws BundleException {
        try {
            return loader.parse(text, name);
        } catch (PolicyException e) {
            throw new BundleException("invalid policy in bundle: " + e.getMessage(), e);
        }
    }
}
