package io.mekong.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.config.Json;
import io.mekong.privacy.ErasureRequest;
import io.mekong.privacy.ErasureRequests;
import io.mekong.privacy.ProfilePrivacy;
import io.mekong.privacy.ProfilePrivacy.Held;
import java.security.Principal;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A person's privacy rights: erasure (GDPR art. 17), access and portability (art. 15, 20), and the requests' records.
 * Every id is looked up within the caller's workspace: another workspace's profile, erasure or data request is a 404.
 */
@RestController
@RequestMapping("/api")
class PrivacyController {

    /** Data requests listed at most; they are answered and erased with the person, so few are held at once. */
    static final int LISTED = 500;

    private final ErasureRequests requests;
    private final ProfilePrivacy privacy;
    private final ConnectionAccess access;
    private final JdbcTemplate jdbc;

    PrivacyController(ErasureRequests requests, ProfilePrivacy privacy, ConnectionAccess access, JdbcTemplate jdbc) {
        this.requests = requests;
        this.privacy = privacy;
        this.access = access;
        this.jdbc = jdbc;
    }

    /** Erases the person everywhere Mekong holds them; the targets follow through the erasure event. */
    @DeleteMapping("/profiles/{id}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Long> erase(@PathVariable long id, @RequestParam(required = false) String workspace, Principal caller) {
        return Map.of("erasure", privacy.erase(id, workspace, "api", caller.getName()));
    }

    /** Everything held about the person, as one JSON document. */
    @GetMapping("/profiles/{id}/export")
    JsonNode export(@PathVariable long id, @RequestParam(required = false) String workspace) {
        return privacy.export(id, workspace);
    }

    @GetMapping("/erasures/{id}")
    ErasureRequest erasure(@PathVariable long id, @RequestParam(required = false) String workspace) {
        return requests.visible(id, workspace);
    }

    /** The data requests received, newest first (without their exports): what the merchant has to answer. */
    @GetMapping("/data-requests")
    JsonNode dataRequests(@RequestParam(required = false) String workspace) throws JsonProcessingException {
        String scope = access.workspace(workspace);
        return Json.MAPPER.readTree(jdbc.queryForObject("""
                select coalesce(jsonb_agg(jsonb_build_object('id', d.id, 'workspace', d.workspace_id, 'connection', c.api_id,
                  'sourceRequest', d.source_request, 'customer', d.customer_external_id, 'profile', d.profile_id,
                  'createdAt', d.created_at) order by d.id desc), '[]')::text
                from (select * from data_request where ?::text is null or workspace_id = ? order by id desc limit ?) d
                join connection c on c.id = d.connection_id""", String.class, scope, scope, LISTED));
    }

    /** The export a Shopify customers/data_request produced, for the merchant to send to the customer. */
    @GetMapping("/data-requests/{id}")
    JsonNode dataRequest(@PathVariable long id, @RequestParam(required = false) String workspace)
            throws JsonProcessingException {
        privacy.owner(Held.DATA_REQUEST, id, workspace);
        return Json.MAPPER.readTree(jdbc.queryForObject("""
                select jsonb_build_object('id', d.id, 'connection', c.api_id, 'sourceRequest', d.source_request,
                  'customer', d.customer_external_id, 'profile', d.profile_id, 'createdAt', d.created_at,
                  'export', d.document)::text
                from data_request d join connection c on c.id = d.connection_id where d.id = ?""",
                String.class, id));
    }
}
