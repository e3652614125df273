package io.mekong.web.admin;

import io.mekong.ops.AuditLog;
import io.mekong.ops.Workspaces;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log, filtered by workspace and subject, newest first, a page at a time. */
@Controller
class AuditPage {

    static final List<String> SUBJECT_TYPES = List.of("connection", "sync", "destination", "workspace", "user",
            "token", "mapping", "route");

    private final AuditLog audit;
    private final Workspaces workspaces;

    AuditPage(AuditLog audit, Workspaces workspaces) {
        this.audit = audit;
        this.workspaces = workspaces;
    }

    @GetMapping("/console/admin/audit")
    String list(@RequestParam(required = false) String workspace, @RequestParam(required = false) String subjectType,
                @RequestParam(required = false) String subjectId, @RequestParam(required = false) Long cursor,
                Model model) {
        AuditLog.Query query = new AuditLog.Query(blankToNull(workspace), blankToNull(subjectType),
                blankToNull(subjectId), cursor);
        model.addAttribute("query", query);
        model.addAttribute("page", audit.page(query));
        model.addAttribute("workspaces", workspaces.list());
        model.addAttribute("subjectTypes", SUBJECT_TYPES);
        return "console/admin/audit";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
