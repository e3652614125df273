package io.mekong.web.deadletters;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mekong.config.Json;
import io.mekong.connection.Connection;
import io.mekong.connection.ConnectionService;
import io.mekong.deadletter.DeadLetterNotOpenException;
import io.mekong.deadletter.DeadLetterService;
import io.mekong.deadletter.DeadLetterService.BulkReplay;
import io.mekong.deadletter.MalformedPayloadException;
import io.mekong.ops.WorkspaceScope;
import io.mekong.ops.Workspaces;
import io.mekong.store.DeadLetterFilter;
import io.mekong.store.DeadLetterView;
import io.mekong.store.ReplayOutcome;
import io.mekong.web.Refusals;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dead-letter pages: the filtered list with replay of the selected letters or of all that match (after a
 * confirmation with their count), and one letter with its reason and payload to fix and replay. Everything goes
 * through {@link DeadLetterService}, as the API does, so a merchant sees and touches only their workspace's letters.
 */
@Controller
@RequestMapping("/console/dead-letters")
class DeadLetterPages {

    static final int PAGE = 50;

    private final DeadLetterService deadLetters;
    private final ConnectionService connections;
    private final WorkspaceScope scope;
    private final Workspaces workspaces;
    private final MessageSource messages;
    private final Refusals refusals;

    DeadLetterPages(DeadLetterService deadLetters, ConnectionService connections, WorkspaceScope scope,
                    Workspaces workspaces, MessageSource messages, Refusals refusals) {
        this.deadLetters = deadLetters;
        this.connections = connections;
        this.scope = scope;
        this.workspaces = workspaces;
        this.messages = messages;
        this.refusals = refusals;
    }

    @GetMapping
    String list(DeadLetterQuery query, @RequestParam(required = false) String cursor,
                @ModelAttribute("zone") ZoneId zone, Model model, HttpServletResponse response) {
        model.addAttribute("query", query);
        model.addAttribute("connections", visibleConnections());
        model.addAttribute("workspaces", workspaces.list());
        model.addAttribute("statuses", List.of("open", "replayed", "discarded"));
        filtered(query, zone, model, response).ifPresent(filter ->
                model.addAttribute("letters", deadLetters.list(filter, cursor, PAGE)));
        return "console/deadletters/list";
    }

    /** The confirmation of "replay all matching": how many open letters the filter takes. */
    @GetMapping("/replay-matching")
    String confirmReplayMatching(DeadLetterQuery query, @ModelAttribute("zone") ZoneId zone, Model model,
                                 HttpServletResponse response) {
        model.addAttribute("query", query);
        model.addAttribute("limit", DeadLetterService.BULK_LIMIT);
        filtered(query, zone, model, response).ifPresent(filter ->
                model.addAttribute("count", deadLetters.count(filter.open())));
        return "console/deadletters/confirm";
    }

    @PostMapping("/replay-matching")
    String replayMatching(DeadLetterQuery query, @ModelAttribute("zone") ZoneId zone, Locale locale,
                          RedirectAttributes redirect) {
        BulkReplay done = deadLetters.replayMatching(query.filter(connections, scope, zone));
        redirect.addFlashAttribute("notice", summary(done.outcomes(), locale)
                + (done.more() ? " " + messages.getMessage("deadletters.bulk.more", null, locale) : ""));
        return "redirect:" + query.link("/console/dead-letters");
    }

    /** Replays the letters ticked on the list. */
    @PostMapping("/replay")
    String replaySelected(DeadLetterQuery query, @RequestParam(name = "ids", required = false) List<Long> ids,
                          Locale locale, RedirectAttributes redirect) {
        if (ids == null || ids.isEmpty()) {
            redirect.addFlashAttribute("problem", messages.getMessage("deadletters.bulk.noneSelected", null, locale));
        } else {
            redirect.addFlashAttribute("notice", summary(deadLetters.replay(ids), locale));
        }
        return "redirect:" + query.link("/console/dead-letters");
    }

    @GetMapping("/{id}")
    String letter(@PathVariable long id, Model model) {
        DeadLetterView letter = deadLetters.get(id);
        model.addAttribute("letter", letter);
        if (!model.containsAttribute("payload")) {
            model.addAttribute("payload", pretty(letter));
        }
        return "console/deadletters/letter";
    }

    /** Saves an edited payload; malformed JSON is shown with its line and column, and nothing is saved. */
    @PostMapping("/{id}")
    String edit(@PathVariable long id, @RequestParam(defaultValue = "") String payload, Locale locale, Model model,
                RedirectAttributes redirect, HttpServletResponse response) {
        try {
            deadLetters.edit(id, payload);
        } catch (MalformedPayloadException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("payload", payload);
            model.addAttribute("payloadError", refusals.text(e));
            return letter(id, model);
        } catch (DeadLetterNotOpenException e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("payload", payload);
            model.addAttribute("problem", notOpen(id, locale));
            return letter(id, model);
        }
        redirect.addFlashAttribute("notice", messages.getMessage("deadletters.saved", null, locale));
        return "redirect:/console/dead-letters/" + id;
    }

    @PostMapping("/{id}/replay")
    String replay(@PathVariable long id, Locale locale, RedirectAttributes redirect) {
        try {
            ReplayOutcome outcome = deadLetters.replay(id);
            redirect.addFlashAttribute(outcome.status().equals("replayed") ? "notice" : "problem", outcome(outcome, locale));
        } catch (DeadLetterNotOpenException e) {
            redirect.addFlashAttribute("problem", notOpen(id, locale));
        }
        return "redirect:/console/dead-letters/" + id;
    }

    /** The filter, or empty with the reason shown next to its field (and a 400) when the form's values are unusable. */
    private Optional<DeadLetterFilter> filtered(DeadLetterQuery query, ZoneId zone, Model model,
                                                          HttpServletResponse response) {
        try {
            return Optional.of(query.filter(connections, scope, zone));
        } catch (DeadLetterQuery.InvalidFilter e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("filterField", e.field);
            model.addAttribute("filterError", messages.getMessage(e.key, new Object[] {e.value}, LocaleContextHolder.getLocale()));
            return Optional.empty();
        }
    }

    private List<Connection> visibleConnections() {
        return connections.list(scope.workspaceToList(null)).stream()
                .sorted(Comparator.comparing(Connection::workspaceId).thenComparing(Connection::apiId)).toList();
    }

    private String summary(List<ReplayOutcome> outcomes, Locale locale) {
        long replayed = outcomes.stream().filter(o -> o.status().equals("replayed")).count();
        return messages.getMessage("deadletters.bulk.done", new Object[] {replayed, outcomes.size() - replayed}, locale);
    }

    private String outcome(ReplayOutcome outcome, Locale locale) {
        return outcome.status().equals("replayed")
                ? messages.getMessage("deadletters.outcome.replayed", null, locale)
                : messages.getMessage("deadletters.outcome.open", new Object[] {outcome.reason()}, locale);
    }

    private String notOpen(long id, Locale locale) {
        String status = deadLetters.get(id).status();
        return messages.getMessage("deadletters.error.notOpen",
                new Object[] {messages.getMessage("deadletters.status." + status, null, status, locale)}, locale);
    }

    private static String pretty(DeadLetterView letter) {
        try {
            return letter.payload() == null ? "" : Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(letter.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored payload is JSON", e);
        }
    }
}
