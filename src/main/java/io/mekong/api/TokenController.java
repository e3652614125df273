package io.mekong.api;

import io.mekong.ops.ApiTokens;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** API tokens: every user manages their own, an admin sees and revokes all. The secret is in the 201 only. */
@RestController
@RequestMapping("/api/tokens")
class TokenController {

    private final ApiTokens tokens;

    TokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    record TokenRequest(String name, Instant expiresAt) {
    }

    @GetMapping
    List<ApiTokens.Token> list() {
        return tokens.list();
    }

    @PostMapping
    ResponseEntity<ApiTokens.Created> create(@RequestBody TokenRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(tokens.create(request.name(), request.expiresAt()));
    }

    /** Revokes the token: it stays listed, marked revoked, and every request with it gets 401. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable long id) {
        tokens.revoke(id);
        return ResponseEntity.noContent().build();
    }
}
