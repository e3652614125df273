package io.mekong.web.admin;

import io.mekong.ops.ApiTokens;
import io.mekong.ops.RefusedChange;
import io.mekong.ops.UserAccounts;
import io.mekong.web.Refusals;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Every signed-in person's own page: change the password, create, see and revoke API tokens. */
@Controller
class AccountPage {

    private static final String PAGE = "console/admin/account";
    /** The lifetimes the form offers, in days; 0 is "never expires". */
    static final List<Integer> LIFETIMES = List.of(30, 90, 365, 0);

    private final UserAccounts accounts;
    private final ApiTokens tokens;
    private final Refusals refusals;

    AccountPage(UserAccounts accounts, ApiTokens tokens, Refusals refusals) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.refusals = refusals;
    }

    @GetMapping("/console/account")
    String show(Model model) {
        model.addAttribute("tokens", tokens.list());
        model.addAttribute("lifetimes", LIFETIMES);
        return PAGE;
    }

    @PostMapping("/console/account/password")
    String changePassword(@RequestParam String current, @RequestParam("new") String replacement, Model model,
                          RedirectAttributes redirect) {
        try {
            accounts.changeOwnPassword(current, replacement);
        } catch (RefusedChange refused) {
            refusals.show(model, refused);
            return show(model);
        }
        redirect.addFlashAttribute("passwordChanged", true);
        return "redirect:/console/account";
    }

    /**
     * Creates the token and redirects to the page, which shows its secret once: the secret travels as a flash
     * attribute (kept in the session until that next page takes it), so reloading the page or coming back to it
     * shows no secret and creates no other token.
     */
    @PostMapping("/console/account/tokens")
    String createToken(@RequestParam String name, @RequestParam(defaultValue = "0") int lifetimeDays, Model model,
                       RedirectAttributes redirect) {
        try {
            Instant expires = lifetimeDays > 0 ? Instant.now().plus(Duration.ofDays(lifetimeDays)) : null;
            redirect.addFlashAttribute("created", tokens.create(name, expires));
        } catch (RefusedChange refused) {
            refusals.show(model, refused);
            model.addAttribute("tokenName", name);
            return show(model);
        }
        return "redirect:/console/account#tokens-title";
    }

    @PostMapping("/console/account/tokens/{id}/revoke")
    String revoke(@PathVariable long id, RedirectAttributes redirect) {
        tokens.revoke(id);
        redirect.addFlashAttribute("revoked", true);
        return "redirect:/console/account";
    }
}
