package io.mekong.web.customers;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mekong.config.Json;
import io.mekong.identity.MergeLedger;
import io.mekong.identity.ProfileMerges;
import io.mekong.ops.NotInWorkspaceException;
import io.mekong.ops.WorkspaceScope;
import io.mekong.privacy.ProfilePrivacy;
import io.mekong.profile.ProfileReader;
import io.mekong.profile.ProfileSearch;
import io.mekong.web.Refusals;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The customer pages: search, the 360° profile (golden record, identities per source, orders across channels, totals,
 * consents, merge history with unmerge), the privacy export as a download and erasure after a typed confirmation.
 * They read and act through the services the API uses, confined to the caller's workspace.
 */
@Controller
@RequestMapping("/console/customers")
class CustomerPages {

    static final int PAGE = 50;

    private final ProfileSearch search;
    private final ProfileReader reader;
    private final ProfileMerges merges;
    private final ProfilePrivacy privacy;
    private final WorkspaceScope scope;
    private final MessageSource messages;
    private final Refusals refusals;

    CustomerPages(ProfileSearch search, ProfileReader reader, ProfileMerges merges, ProfilePrivacy privacy,
                  WorkspaceScope scope, MessageSource messages, Refusals refusals) {
        this.search = search;
        this.reader = reader;
        this.merges = merges;
        this.privacy = privacy;
        this.scope = scope;
        this.messages = messages;
        this.refusals = refusals;
    }

    @GetMapping
    String search(@RequestParam(required = false) String email, @RequestParam(required = false) String phone,
                  @RequestParam(required = false) String q, @RequestParam(required = false) Long after, Locale locale,
                  Model model, HttpServletResponse response) {
        model.addAttribute("email", email);
        model.addAttribute("phone", phone);
        model.addAttribute("q", q);
        try {
            model.addAttribute("found", search.search(scope.workspaceToList(null), email, phone, q, after, PAGE));
        } catch (ProfileSearch.InvalidCriterion e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("searchField", e.criterion());
            model.addAttribute("searchError",
                    messages.getMessage("customers.error." + e.criterion(), new Object[] {e.value()}, locale));
        }
        return "console/customers/search";
    }

    @GetMapping("/{id}")
    String profile(@PathVariable long id, Model model) {
        model.addAttribute("customer", CustomerView.of(reader.profile(id, scope.workspaceToList(null))
                .orElseThrow(() -> new NotInWorkspaceException(NotInWorkspaceException.Kind.PROFILE, id))));
        return "console/customers/profile";
    }

    @PostMapping("/{id}/unmerge")
    String unmerge(@PathVariable long id, @RequestParam long merge, Principal caller, Locale locale,
                   RedirectAttributes redirect) {
        try {
            MergeLedger.Unmerged done = merges.unmerge(id, merge, caller.getName());
            redirect.addFlashAttribute("notice", messages.getMessage("customers.merges.done",
                    new Object[] {done.profiles().stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("")},
                    locale));
        } catch (MergeLedger.Refused refused) {
            redirect.addFlashAttribute("problem", messages.getMessage("customers.merges.refused",
                    new Object[] {refusals.text(refused)}, locale));
        }
        return "redirect:/console/customers/" + id;
    }

    /** The privacy export of the person, as a file to download and send them. */
    @GetMapping("/{id}/export")
    ResponseEntity<byte[]> export(@PathVariable long id) throws JsonProcessingException {
        byte[] document = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(privacy.export(id, null));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("customer-" + id + "-export.json").build().toString())
                .body(document);
    }

    @GetMapping("/{id}/erase")
    String confirmErasure(@PathVariable long id, Model model) {
        model.addAttribute("customer", CustomerView.of(visible(id)));
        model.addAttribute("expected", ErasureConfirmation.expected(visible(id)));
        return "console/customers/erase";
    }

    /** Erases the person only when the confirmation typed is the one asked for; otherwise nothing happens. */
    @PostMapping("/{id}/erase")
    String erase(@PathVariable long id, @RequestParam(defaultValue = "") String confirmation, Principal caller,
                 Locale locale, Model model, HttpServletResponse response) {
        ProfileReader.Profile profile = visible(id);
        String expected = ErasureConfirmation.expected(profile);
        model.addAttribute("customer", CustomerView.of(profile));
        model.addAttribute("expected", expected);
        if (!ErasureConfirmation.matches(expected, confirmation)) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("confirmationError",
                    messages.getMessage("customers.erase.mismatch", new Object[] {expected}, locale));
            return "console/customers/erase";
        }
        model.addAttribute("erasure", privacy.erase(id, null, "console", caller.getName()));
        return "console/customers/erase";
    }

    private ProfileReader.Profile visible(long id) {
        return reader.profile(id, scope.workspaceToList(null)).orElseThrow(() -> new NotInWorkspaceException(NotInWorkspaceException.Kind.PROFILE, id));
    }
}
