package io.mekong.ops.jmx;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Records who changed what through an MBean. A Hawtio operation arrives as a Jolokia request of the signed-in user,
 * so the user is the request's Spring authentication; a JMX client without one (a local jconsole) is {@code jmx}.
 * The audit log is the admin slice's; until it lands, this is its hook and the record is a log line.
 */
@Component
class OperatorActions {

    private static final Logger log = LoggerFactory.getLogger(OperatorActions.class);
    static final String WITHOUT_USER = "jmx";

    void record(String action, String workspaceId, String subjectType, Object subjectId, String detail) {
        log.info("{} {} {} {} in workspace {} from Hawtio{}", user(), action, subjectType, subjectId, workspaceId,
                detail == null ? "" : " (" + detail + ")");
    }

    static String user() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || !authentication.isAuthenticated() ? WITHOUT_USER : authentication.getName();
    }
}
