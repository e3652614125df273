package io.mekong.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.testing.HubIntegrationTest;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Sends malformed and hostile requests to every endpoint under {@code /api} and {@code /webhooks}, as an admin and
 * as a merchant: malformed JSON, wrong types, missing and extra fields, huge numbers and strings, NUL and odd Unicode,
 * bad path variables, huge query values, missing or wrong Content-Type. The endpoints come from Spring's own
 * {@link RequestMappingHandlerMapping}, so a new endpoint is fuzzed without a change here; the bodies follow the
 * handler's {@code @RequestBody} type, the query its {@code @RequestParam}s. Seeded ({@code -Dmekong.fuzz.seed}) and
 * of a fixed size ({@code -Dmekong.fuzz.requests} per endpoint and user), so a run is repeatable and its time bounded.
 * No answer may be a 5xx; every 4xx is JSON with an error and no stack trace or SQL.
 */
class ApiFuzzTest extends HubIntegrationTest {

    private static final long SEED = Long.getLong("mekong.fuzz.seed", 20261207L);
    private static final int REQUESTS = Integer.getInteger("mekong.fuzz.requests", 30);
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}/]+)}");
    /** What an answer must never show: Java stack frames, exception or package names, SQL and the driver's words. */
    private static final Pattern LEAK = Pattern.compile(
            "\\tat |Exception|java\\.lang|org\\.springframework|io\\.mekong|org\\.postgresql|PSQL|SQL state|(?i:\\bselect\\b.+\\bfrom\\b)");
    private static final String MERCHANT = "fuzz-merchant";
    private static final String ADMIN = "fuzz-admin";
    private static final String PASSWORD = "fuzz-pass";
    /** Strings that reach deeper than noise: real ids, schedules, and values that once broke something. */
    private static final List<String> DICTIONARY = List.of("fuzz-conn", "fuzz-ws", "default", "nope", "shopify",
            "magento", "orders", "customers", "products", "open", "replayed", "@every 15m", "@every 9999999999999999d",
            "@every 0s", "* * * * * ?", "0 0 0 30 2 ?", "*/15 * * * *", "@daily", "2025-01-01T00:00:00Z", "yesterday",
            "", " ", "\u0000", "a\u0000b", "null", "-1", "0", "1.5", "9223372036854775808", "1e309", "../../etc/passwd",
            "'; drop table connection; --", "%00", "%2F", "😀", "\ud83d", "\u202e", "Ｆｕｚｚ", "Tiếng Việt", "\r\n",
            "<script>alert(1)</script>", "{{secrets.accessToken}}", "http://169.254.169.254/", "x".repeat(5000));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Random random = new Random(SEED);
    private long syncId;

    record Endpoint(String method, String path, HandlerMethod handler) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    record Finding(Endpoint endpoint, String user, String uri, String contentType, String body, int status, String answer) {
        @Override
        public String toString() {
            return endpoint + " as " + user + " -> " + status + " " + shorten(answer) + "\n    request: " + shorten(uri)
                    + " [" + contentType + "] " + shorten(body);
        }
    }

    @Test
    void noEndpointAnswersHostileInputWithA5xxOrAnErrorWithoutJsonOrWithAStackTrace() throws Exception {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).as("endpoints found in Spring's mappings").hasSizeGreaterThanOrEqualTo(15);
        prepare();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<Finding> findings = new ArrayList<>();
        Instant started = Instant.now();
        int sent = 0;
        for (Endpoint endpoint : endpoints) {
            for (String user : List.of(ADMIN, MERCHANT)) {
                ensureTargets();
                for (int i = 0; i < REQUESTS; i++) {
                    Finding exchange = send(endpoint, user);
                    sent++;
                    statuses.merge(exchange.status(), 1, Integer::sum);
                    if (!acceptable(exchange)) {
                        findings.add(exchange);
                    }
                }
            }
        }
        System.out.printf("API fuzz: seed %d, %d requests to %d endpoints in %d s; statuses %s; %d findings%n%s%n%s%n",
                SEED, sent, endpoints.size(), Duration.between(started, Instant.now()).toSeconds(), statuses,
                findings.size(), String.join("\n", endpoints.stream().map(Endpoint::toString).toList()),
                String.join("\n", findings.stream().map(Finding::toString).toList()));
        assertThat(findings).as("answers that are a 5xx, or a 4xx without a JSON error, or that leak internals"
                + " (seed %d)", SEED).isEmpty();
    }

    private static boolean acceptable(Finding exchange) {
        if (exchange.status() < 400) {
            return true; // stored data (dead letters' reasons, say) may quote anything
        }
        if (exchange.status() >= 500 || LEAK.matcher(exchange.answer()).find()) {
            return false;
        }
        try {
            JsonNode body = JSON.readTree(exchange.answer());
            return body != null && body.path("error").isTextual() && !body.path("error").asText().isBlank();
        } catch (IOException e) {
            return false;
        }
    }

    private List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = mapping.getKey();
            if (info.getPathPatternsCondition() == null) {
                continue;
            }
            for (String path : info.getPathPatternsCondition().getPatternValues()) {
                if (!path.startsWith("/api/") && !path.startsWith("/webhooks/")) {
                    continue;
                }
                var methods = info.getMethodsCondition().getMethods();
                for (RequestMethod method : methods.isEmpty() ? List.of(RequestMethod.GET, RequestMethod.POST) : methods) {
                    endpoints.add(new Endpoint(method.name(), path, mapping.getValue()));
                }
            }
        }
        endpoints.sort((a, b) -> a.toString().compareTo(b.toString()));
        return endpoints;
    }

    /** Users with a cheap BCrypt cost (the cost is read from the hash) and a merchant's workspace. */
    private void prepare() {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);
        jdbc.update("insert into workspace (id, name) values ('fuzz-ws', 'Fuzz') on conflict do nothing");
        jdbc.update("insert into app_user (username, password_hash, role, workspace_id) values (?, ?, 'admin', null),"
                + " (?, ?, 'merchant', 'fuzz-ws') on conflict do nothing", ADMIN, hash, MERCHANT, hash);
    }

    /** The merchant's connection and sync that path variables name, again when a fuzzed DELETE removed them. */
    private void ensureTargets() {
        if (jdbc.queryForObject("select count(*) from connection where id = 'fuzz-conn'", Integer.class) == 0) {
            // a wrong token: runs the fuzzer starts end at the first request
            call("POST", "/api/connections", Map.of("id", "fuzz-conn", "workspace", "fuzz-ws", "connector", "shopify",
                    "params", Map.of("shop", SHOP, "baseUrl", shopBaseUrl()), "secrets", Map.of("accessToken", "shpat_wrong")), 201);
        }
        if (jdbc.queryForObject("select count(*) from sync_job where id = ?", Integer.class, syncId) == 0) {
            syncId = call("POST", "/api/syncs", Map.of("connection", "fuzz-conn", "streams", List.of("orders")), 201)
                    .get("id").asLong();
        }
    }

    private Finding send(Endpoint endpoint, String user) throws IOException, InterruptedException {
        String uri = path(endpoint) + query(endpoint);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + uri))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        String body = body(endpoint);
        String contentType = contentType();
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(endpoint.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Finding(endpoint, user, uri, contentType, body, response.statusCode(), response.body());
    }

    private String path(Endpoint endpoint) {
        Matcher variables = PATH_VARIABLE.matcher(endpoint.path());
        StringBuilder path = new StringBuilder();
        while (variables.find()) {
            String value = switch (random.nextInt(6)) {
                case 0 -> "fuzz-conn";
                case 1 -> Long.toString(syncId);
                case 2 -> "shopify";
                default -> pathValue();
            };
            variables.appendReplacement(path, Matcher.quoteReplacement(encode(value)));
        }
        variables.appendTail(path);
        return path.toString();
    }

    /** Ids that no other test owns: never a small number, which could be another test's sync or run. */
    private String pathValue() {
        return switch (random.nextInt(5)) {
            case 0 -> Long.toString(Long.MAX_VALUE - random.nextInt(1000));
            case 1 -> Long.toString(-1 - random.nextInt(1000));
            case 2 -> "0";
            default -> text();
        };
    }

    private String query(Endpoint endpoint) {
        List<String> names = new ArrayList<>();
        for (MethodParameter parameter : endpoint.handler().getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null) {
                names.add(param.name().isEmpty() ? param.value().isEmpty() ? parameter.getParameterName() : param.value()
                        : param.name());
            }
        }
        names.add(text());
        StringBuilder query = new StringBuilder();
        for (String name : names) {
            if (name == null || random.nextInt(3) == 0) {
                continue;
            }
            String value = random.nextInt(8) == 0 ? "9".repeat(2000 + random.nextInt(3000)) : text();
            query.append(query.length() == 0 ? "?" : "&").append(encode(name)).append('=').append(encode(value));
        }
        return query.toString();
    }

    private String contentType() {
        return switch (random.nextInt(12)) {
            case 0 -> null;
            case 1 -> "text/plain";
            case 2 -> "application/x-www-form-urlencoded";
            case 3 -> "application/json; charset=ISO-8859-1";
            case 4 -> "application/xml";
            case 5 -> "garbage";
            default -> "application/json";
        };
    }

    /** A body for the handler's {@code @RequestBody} type (or any JSON), often broken on purpose; sometimes none. */
    private String body(Endpoint endpoint) throws IOException {
        Type type = null;
        for (MethodParameter parameter : endpoint.handler().getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                type = parameter.getGenericParameterType();
            }
        }
        int shape = random.nextInt(10);
        if (shape == 0 || (type == null && shape < 6)) {
            return null;
        }
        String json = JSON.writeValueAsString(value(type == null ? Object.class : type, 0));
        return switch (shape) {
            case 1 -> json.substring(0, random.nextInt(json.length() + 1)); // truncated
            case 2 -> mutate(json);
            case 3 -> List.of("", "{", "[]", "null", "\"text\"", "1e99999", "-", "{\"a\":}", "\u0000",
                    "[".repeat(5000) + "]".repeat(5000), "{\"a\":" + "9".repeat(5000) + "}").get(random.nextInt(11));
            default -> json;
        };
    }

    private String mutate(String json) {
        StringBuilder text = new StringBuilder(json);
        for (int i = 0, n = 1 + random.nextInt(4); i < n && text.length() > 0; i++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(3)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, "{}[],:\"\\0e-".charAt(random.nextInt(11)));
                default -> text.setCharAt(at, (char) random.nextInt(0x3000));
            }
        }
        return text.toString();
    }

    /** A value of the given type, or, one time in four, of another type altogether. */
    private Object value(Type type, int depth) {
        if (depth > 3 || random.nextInt(4) == 0) {
            return anyJson(depth);
        }
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw.isRecord()) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (RecordComponent component : raw.getRecordComponents()) {
                if (random.nextInt(5) != 0) { // a field missing now and then
                    object.put(component.getName(), value(component.getGenericType(), depth + 1));
                }
            }
            if (random.nextInt(4) == 0) {
                object.put(text(), anyJson(depth + 1)); // an extra field
            }
            return object;
        }
        if (raw == String.class) {
            return text();
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return random.nextBoolean();
        }
        if (Number.class.isAssignableFrom(raw) || raw.isPrimitive()) {
            return number();
        }
        if (Collection.class.isAssignableFrom(raw) && type instanceof ParameterizedType p) {
            List<Object> list = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                list.add(value(p.getActualTypeArguments()[0], depth + 1));
            }
            return list;
        }
        if (Map.class.isAssignableFrom(raw) && type instanceof ParameterizedType p) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = random.nextInt(5); i > 0; i--) {
                map.put(text(), value(p.getActualTypeArguments()[1], depth + 1));
            }
            return map;
        }
        return anyJson(depth);
    }

    private Object anyJson(int depth) {
        return switch (depth > 3 ? random.nextInt(4) : random.nextInt(6)) {
            case 0 -> text();
            case 1 -> number();
            case 2 -> random.nextBoolean();
            case 3 -> null;
            case 4 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(anyJson(depth + 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    map.put(text(), anyJson(depth + 1));
                }
                yield map;
            }
        };
    }

    private Object number() {
        return switch (random.nextInt(6)) {
            case 0 -> Long.MAX_VALUE;
            case 1 -> Long.MIN_VALUE;
            case 2 -> new java.math.BigInteger("9".repeat(1 + random.nextInt(60)));
            case 3 -> random.nextDouble() * 1e300;
            case 4 -> -random.nextInt(1000);
            default -> random.nextInt(1000);
        };
    }

    private String text() {
        return switch (random.nextInt(4)) {
            case 0, 1 -> DICTIONARY.get(random.nextInt(DICTIONARY.size()));
            case 2 -> {
                StringBuilder text = new StringBuilder();
                for (int i = random.nextInt(40); i > 0; i--) {
                    text.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(0x110000) : random.nextInt(0x80));
                }
                yield text.toString();
            }
            default -> DICTIONARY.get(random.nextInt(DICTIONARY.size())) + DICTIONARY.get(random.nextInt(DICTIONARY.size()));
        };
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String shorten(String text) {
        return text == null ? "(none)" : text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
