package io.mekong.api;

import io.mekong.ops.AuditLog;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log, newest first, 50 a page; merchants read their own workspace's events only. */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    AuditLog.Page list(@RequestParam(required = false) String workspace,
                       @RequestParam(required = false) String subjectType,
                       @RequestParam(required = false) String subjectId,
                       @RequestParam(required = false) Long cursor) {
        return audit.page(new AuditLog.Query(workspace, subjectType, subjectId, cursor));
    }
}
