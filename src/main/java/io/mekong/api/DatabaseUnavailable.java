package io.mekong.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * While the database cannot be reached (stopped, restarting, out of connections), a request is answered 503 with
 * {@code Retry-After} instead of 500: webhook senders retry a delivery that is not acknowledged, and the hub acknowledges
 * only what it has stored. Ahead of {@link ApiErrors}, whose catch-all would answer 500.
 */
@RestControllerAdvice(basePackages = "io.mekong.api")
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseUnavailable {

    /** Seconds a client is asked to wait: about what a database restart takes. */
    static final String RETRY_AFTER_SECONDS = "5";
    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);

    // CannotGetJdbcConnectionException and a connection lost mid-statement (SQLSTATE 08) are resource failures; a
    // server shutting down (57P01) is a transient one; a transaction that cannot begin has no connection either, and
    // one whose commit or rollback fails lost its connection on the way (the database went away mid-transaction)
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
            CannotCreateTransactionException.class, TransactionSystemException.class})
    ResponseEntity<ApiError> unavailable(Exception e) {
        log.warn("Answered 503: the database is unavailable ({})", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(new ApiError("database_unavailable", "the hub's database cannot be reached now; try again later"));
    }
}
