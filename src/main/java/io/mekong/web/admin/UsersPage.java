package io.mekong.web.admin;

import io.mekong.ops.RefusedChange;
import io.mekong.ops.Role;
import io.mekong.ops.UserAccounts;
import io.mekong.ops.Workspaces;
import io.mekong.web.Refusals;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Users: the list with a form to add one, and one user's page to change role, workspace, enabled, or delete. */
@Controller
class UsersPage {

    private final UserAccounts accounts;
    private final Workspaces workspaces;
    private final Refusals refusals;

    UsersPage(UserAccounts accounts, Workspaces workspaces, Refusals refusals) {
        this.accounts = accounts;
        this.workspaces = workspaces;
        this.refusals = refusals;
    }

    @GetMapping("/console/admin/users")
    String list(Model model) {
        model.addAttribute("users", accounts.list());
        choices(model);
        return "console/admin/users";
    }

    @PostMapping("/console/admin/users")
    String create(@RequestParam String username, @RequestParam String password, @RequestParam String role,
                  @RequestParam(required = false) String workspace, Model model, RedirectAttributes redirect) {
        try {
            accounts.create(new UserAccounts.NewUser(username, password, role, workspace));
        } catch (RefusedChange refused) {
            refusals.show(model, refused);
            model.addAttribute("draft", new UserAccounts.NewUser(username, null, role, workspace));
            return list(model);
        }
        redirect.addFlashAttribute("saved", username);
        return "redirect:/console/admin/users";
    }

    @GetMapping("/console/admin/users/{username}")
    String edit(@PathVariable String username, Model model) {
        model.addAttribute("user", accounts.get(username));
        choices(model);
        return "console/admin/user";
    }

    @PostMapping("/console/admin/users/{username}")
    String update(@PathVariable String username, @RequestParam String role,
                  @RequestParam(required = false) String workspace, @RequestParam boolean enabled, Model model,
                  RedirectAttributes redirect) {
        try {
            // a workspace is sent only for a merchant: the form keeps the field, other roles have none
            accounts.update(username, new UserAccounts.Change(role,
                    Role.MERCHANT.id().equals(role) ? workspace : "", enabled));
        } catch (RefusedChange refused) {
            refusals.show(model, refused);
            return edit(username, model);
        }
        redirect.addFlashAttribute("saved", username);
        return "redirect:/console/admin/users";
    }

    @PostMapping("/console/admin/users/{username}/delete")
    String delete(@PathVariable String username, Model model, RedirectAttributes redirect) {
        try {
            accounts.delete(username);
        } catch (RefusedChange refused) {
            refusals.show(model, refused);
            return edit(username, model);
        }
        redirect.addFlashAttribute("deleted", username);
        return "redirect:/console/admin/users";
    }

    private void choices(Model model) {
        model.addAttribute("roles", List.of(Role.values()));
        model.addAttribute("workspaces", workspaces.list());
    }
}
