package io.mekong.api;

import io.mekong.deadletter.DeadLetterNotOpenException;
import io.mekong.ops.AmbiguousIdException;
import io.mekong.ops.NotInWorkspaceException;
import io.mekong.ops.RequestBodyTooLargeException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps failures to {"error", "detail"} with the right status; never leaks stack traces, SQL or secrets. Spring MVC's
 * own refusals (unsupported media type, missing parameter, wrong method...) keep the status Spring gives them, in
 * the same body.
 */
@RestControllerAdvice(basePackages = "io.mekong.api")
class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler({NotFoundException.class, NotInWorkspaceException.class})
    ResponseEntity<Object> notFound(RuntimeException e) {
        return error(HttpStatus.NOT_FOUND, "not_found", e.getMessage());
    }

    @ExceptionHandler({ConflictException.class, AmbiguousIdException.class, DeadLetterNotOpenException.class})
    ResponseEntity<Object> conflict(RuntimeException e) {
        return error(HttpStatus.CONFLICT, "conflict", e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Object> badRequest(IllegalArgumentException e) {
        return error(HttpStatus.BAD_REQUEST, "bad_request", e.getMessage());
    }

    /** A parameter the firewall refuses when the handler reads it (a NUL character in a query value, say). */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> rejected(RequestRejectedException e) {
        return error(HttpStatus.BAD_REQUEST, "bad_request", UnreadableJson.shortened(e.getMessage()));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> forbidden(AccessDeniedException e) {
        return error(HttpStatus.FORBIDDEN, "forbidden", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected API failure", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "An unexpected error occurred; see the server log");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        if (e.getMostSpecificCause() instanceof RequestBodyTooLargeException tooLarge) {
            // a chunked body cut off at its limit (mekong.http.*) is not malformed, it is too large
            return error(HttpStatus.PAYLOAD_TOO_LARGE, "payload_too_large", tooLarge.getMessage());
        }
        return error(HttpStatus.BAD_REQUEST, "malformed_json", UnreadableJson.describe(e));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + ": " + f.getDefaultMessage())
                .reduce((a, b) -> a + "; " + b).orElse("the body is invalid");
        return error(HttpStatus.BAD_REQUEST, "invalid", detail);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        Class<?> type = e.getRequiredType();
        return error(HttpStatus.BAD_REQUEST, "bad_request", e.getPropertyName() + " must be "
                + (type == null ? "of another type" : "a " + type.getSimpleName().toLowerCase(Locale.ROOT))
                + ", not '" + UnreadableJson.shortened(String.valueOf(e.getValue())) + "'");
    }

    /** Only JSON is read: a form or text/plain body, which any web page can make a browser send, is refused. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        String sent = request.getHeader(HttpHeaders.CONTENT_TYPE);
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                (sent == null ? "the request has no Content-Type" : "Content-Type '" + sent + "' is not accepted")
                        + "; send the body as JSON with Content-Type: application/json");
    }

    /** Every other refusal of Spring MVC, in our body with Spring's status and its (stack-free) detail. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        String detail = body instanceof ProblemDetail problem && problem.getDetail() != null ? problem.getDetail()
                : HttpStatus.valueOf(status.value()).getReasonPhrase();
        return ResponseEntity.status(status).headers(headers).body(new ApiError(code(status), detail));
    }

    private static String code(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "error" : known.name().toLowerCase(Locale.ROOT);
    }

    private static ResponseEntity<Object> error(HttpStatus status, String error, String detail) {
        return ResponseEntity.status(status).body(new ApiError(error, detail));
    }
}
