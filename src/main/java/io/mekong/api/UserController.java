package io.mekong.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mekong.ops.AppUsers;
import io.mekong.ops.UserAccounts;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Users (admin only), and {@code PUT /api/users/me/password} for every signed-in user. Never a password hash. */
@RestController
@RequestMapping("/api/users")
class UserController {

    private final UserAccounts accounts;

    UserController(UserAccounts accounts) {
        this.accounts = accounts;
    }

    record PasswordChange(String current, @JsonProperty("new") String replacement) {
    }

    @GetMapping
    List<AppUsers.Account> list() {
        return accounts.list();
    }

    @PostMapping
    ResponseEntity<AppUsers.Account> create(@RequestBody UserAccounts.NewUser user) {
        return ResponseEntity.status(HttpStatus.CREATED).body(accounts.create(user));
    }

    @GetMapping("/{username}")
    AppUsers.Account get(@PathVariable String username) {
        return accounts.get(username);
    }

    @PutMapping("/{username}")
    AppUsers.Account update(@PathVariable String username, @RequestBody UserAccounts.Change change) {
        return accounts.update(username, change);
    }

    @DeleteMapping("/{username}")
    ResponseEntity<Void> delete(@PathVariable String username) {
        accounts.delete(username);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/me/password")
    ResponseEntity<Void> changeOwnPassword(@RequestBody PasswordChange change) {
        accounts.changeOwnPassword(change.current(), change.replacement());
        return ResponseEntity.noContent().build();
    }
}
