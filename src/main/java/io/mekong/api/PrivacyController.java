package io.mekong.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.config.Json;
import io.mekong.privacy.ErasureRequest;
import io.mekong.privacy.ErasureRequests;
import io.mekong.privacy.Erasures;
import io.mekong.privacy.ProfileExport;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    private final Erasures erasures;
    private final ErasureRequests requests;
    private final ProfileExport export;
    private final ConnectionAccess access;
    private final JdbcTemplate jdbc;

    PrivacyController(Erasures erasures, ErasureRequests requests, ProfileExport export, ConnectionAccess access,
                      JdbcTemplate jdbc) {
        this.erasures = erasures;
        this.requests = requests;
        this.export = export;
        this.access = access;
        this.jdbc = jdbc;
    }

    /** Erases the person everywhere Mekong holds them; the targets follow through the erasure event. */
    @DeleteMapping("/profiles/{id}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Long> erase(@PathVariable long id, @RequestParam(required = false) String workspace, Principal caller) {
        String owner = visible("profile", "Profile", id, workspace);
        return Map.of("erasure", erasures.erase(owner, id, List.of(), List.of(), "api", caller.getName()));
    }

    /** Everything held about the person, as one JSON document. */
    @GetMapping("/profiles/{id}/export")
    JsonNode export(@PathVariable long id, @RequestParam(required = false) String workspace) {
        return export.export(visible("profile", "Profile", id, workspace), id, List.of());
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
        visible("data_request", "Data request", id, workspace);
        return Json.MAPPER.readTree(jdbc.queryForObject("""
                select jsonb_build_object('id', d.id, 'connection', c.api_id, 'sourceRequest', d.source_request,
                  'customer', d.customer_external_id, 'profile', d.profile_id, 'createdAt', d.created_at,
                  'export', d.document)::text
                from data_request d join connection c on c.id = d.connection_id where d.id = ?""",
                String.class, id));
    }

    /** The workspace of row {@code id} of {@code table}, if the caller may see it; else a 404 naming {@code what}. */
    private String visible(String table, String what, long id, String named) {
        String owner = jdbc.query("select workspace_id from " + table + " where id = ?",
                (rs, i) -> rs.getString(1), id).stream().findFirst().orElse(null);
        String scope = access.workspace(named);
        if (owner == null || (scope != null && !Objects.equals(scope, owner))) {
            throw new NotFoundException(what + " " + id);
        }
        return owner;
    }
}
