package io.mekong.ops;

import io.mekong.config.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every request body before anything reads it, authentication included: the first {@link Limit} whose
 * matcher fits the request applies. A declared {@code Content-Length} beyond it is refused at once with 413; a
 * chunked body is cut off when it passes the limit, and the request is answered with 413 as long as the response
 * has not begun. Form bodies read through {@code getParameter} bypass the stream: Tomcat bounds those
 * ({@code server.tomcat.max-http-form-post-size}).
 */
class RequestSizeLimits extends OncePerRequestFilter {

    /** @param what names the requests in the refusal, e.g. "sign-in requests" */
    record Limit(RequestMatcher requests, long maxBytes, String what) {
        String refusal() {
            return "Bodies of " + what + " are limited to " + maxBytes + " bytes";
        }
    }

    private final List<Limit> limits;

    /** @param limits tried in order; the last should match every request */
    RequestSizeLimits(List<Limit> limits) {
        this.limits = List.copyOf(limits);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Limit limit = limits.stream().filter(l -> l.requests().matches(request)).findFirst().orElse(null);
        if (limit == null) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > limit.maxBytes()) {
            refuse(response, limit);
            return;
        }
        BoundedBody bounded = new BoundedBody(request, limit);
        try {
            chain.doFilter(bounded, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!bounded.overflowed || response.isCommitted()) {
                throw e;
            }
        }
        // a reader that swallowed the exception may have answered the cut-off body (400): the true answer is 413
        if (bounded.overflowed && !response.isCommitted()) {
            response.reset();
            refuse(response, limit);
        }
    }

    private static void refuse(HttpServletResponse response, Limit limit) throws IOException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", "payload_too_large");
        body.put("detail", limit.refusal());
        response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        Json.MAPPER.writeValue(response.getOutputStream(), body);
    }

    /** The request with a body stream that fails once more than {@code maxBytes} have been read. */
    private static final class BoundedBody extends HttpServletRequestWrapper {
        private final Limit limit;
        private ServletInputStream stream;
        private BufferedReader reader;
        private long read;
        private boolean overflowed;

        BoundedBody(HttpServletRequest request, Limit limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream());
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                reader = new BufferedReader(new InputStreamReader(getInputStream(),
                        encoding != null ? Charset.forName(encoding) : StandardCharsets.ISO_8859_1));
            }
            return reader;
        }

        private int counted(int n) throws RequestBodyTooLargeException {
            if (n > 0) {
                read += n;
                if (read > limit.maxBytes()) {
                    overflowed = true;
                    throw new RequestBodyTooLargeException(limit.refusal());
                }
            }
            return n;
        }

        private final class Counting extends ServletInputStream {
            private final ServletInputStream in;

            Counting(ServletInputStream in) {
                this.in = in;
            }

            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    counted(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return counted(in.read(buffer, offset, length));
            }

            @Override
            public boolean isFinished() {
                return in.isFinished();
            }

            @Override
            public boolean isReady() {
                return in.isReady();
            }

            @Override
            public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
            }
        }
    }
}
