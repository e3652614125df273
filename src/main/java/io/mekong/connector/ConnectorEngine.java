package io.mekong.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mekong.connector.auth.Authenticators;
import io.mekong.connector.egress.EgressGuard;
import io.mekong.connector.http.DefaultErrorHandler;
import io.mekong.connector.http.EnvelopeErrorHandler;
import io.mekong.connector.http.ErrorHandler;
import io.mekong.connector.http.GraphqlErrors;
import io.mekong.connector.http.HttpCall;
import io.mekong.connector.http.HttpResult;
import io.mekong.connector.http.HttpRequester;
import io.mekong.connector.http.HttpTransport;
import io.mekong.connector.http.OutboundLimits;
import io.mekong.connector.http.QueryString;
import io.mekong.connector.http.RequestFactory;
import io.mekong.connector.http.Requester;
import io.mekong.connector.http.RetryPolicy;
import io.mekong.connector.http.Sleeper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mekong.connector.auth.CredentialStore;
import io.mekong.connector.ratelimit.BudgetLedger;
import io.mekong.connector.ratelimit.InMemoryBudgetLedger;
import io.mekong.connector.ratelimit.RateBudget;
import io.mekong.connector.ratelimit.RateLimitWaits;
import io.mekong.connector.ratelimit.RateLimiters;
import io.mekong.connector.spec.ActionSpec;
import io.mekong.connector.spec.AuthSpec;
import io.mekong.connector.spec.ResponseFilterSpec;
import io.mekong.connector.spec.ConnectorSpec;
import io.mekong.connector.spec.RefreshSpec;
import io.mekong.connector.spec.TokenRenewal;
import io.mekong.connector.spec.WebhookSpec;
import io.mekong.connector.spec.RequesterSpec;
import io.mekong.connector.spec.StreamSpec;
import io.mekong.connector.spec.SweepSpec;
import io.mekong.connector.spec.TestSpec;
import io.mekong.connector.spec.Template;
import io.mekong.connector.stream.StreamReader;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Runs connector specs: reads pages of a stream, tests connections. Thread-safe; one instance per process.
 * Rate-limit budgets are kept per connection id.
 */
public class ConnectorEngine {

    static final String TEST_OPERATION = "test";

    private final ConnectorRegistry registry;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RateLimiters rateLimiters;
    private final AccessTokens tokens;
    private final Function<Duration, HttpTransport> transportFactory;
    private final Duration targetRetryWait;
    // The connect timeout is per client; specs share one client per distinct timeout (in practice one).
    private final Map<Duration, HttpTransport> transports = new ConcurrentHashMap<>();

    /**
     * An engine whose request-rate budgets and renewed tokens live in this process only, and which connects anywhere
     * (tests and tools against local stubs). Its target writes wait out any {@code Retry-After}, as reads do.
     */
    public ConnectorEngine(ConnectorRegistry registry, Clock clock, Sleeper sleeper) {
        this(registry, clock, sleeper, new InMemoryBudgetLedger(clock), CredentialStore.inMemory());
    }

    /** An engine that connects anywhere (tests and tools against local stubs); it waits out any {@code Retry-After}. */
    public ConnectorEngine(ConnectorRegistry registry, Clock clock, Sleeper sleeper, BudgetLedger budgets,
                           CredentialStore credentials) {
        this(registry, clock, sleeper, budgets, credentials, timeout -> HttpTransport.unguarded(timeout), null);
    }

    /**
     * The hub's engine: it connects only where {@code guard} allows, and reads answers within {@code limits}.
     *
     * @param targetRetryWait the longest {@code Retry-After} a target's action waits out in place (mekong.targets.max-retry-wait);
     *                        a longer one fails the action at once, carrying the wait, so that the destination runtime
     *                        pauses that destination for it instead of holding a thread
     */
    public ConnectorEngine(ConnectorRegistry registry, Clock clock, Sleeper sleeper, BudgetLedger budgets,
                           CredentialStore credentials, EgressGuard guard, OutboundLimits limits, Duration targetRetryWait) {
        this(registry, clock, sleeper, budgets, credentials, timeout -> HttpTransport.guarded(timeout, guard, limits),
                Objects.requireNonNull(targetRetryWait, "targetRetryWait"));
    }

    private ConnectorEngine(ConnectorRegistry registry, Clock clock, Sleeper sleeper, BudgetLedger budgets,
                            CredentialStore credentials, Function<Duration, HttpTransport> transportFactory,
                            Duration targetRetryWait) {
        this.transportFactory = transportFactory;
        this.targetRetryWait = targetRetryWait;
        this.registry = registry;
        this.clock = clock;
        this.sleeper = sleeper;
        this.rateLimiters = new RateLimiters(clock, budgets);
        this.tokens = new AccessTokens(credentials, clock);
    }

    /** What the connection's rate limiter knows of its budget now (see {@link RateBudget}); empty when nothing. */
    public Optional<RateBudget> budget(String connectionId, String connector) {
        return rateLimiters.forConnection(connectionId, registry.get(connector).rateLimit()).budget();
    }

    /**
     * Reads one page of a stream.
     *
     * @param checkpoint the last committed checkpoint of (connection, stream), null on the first run
     * @param pageToken  null to start a run; otherwise the previous page's {@link Page#nextPageToken()}
     * @throws ConnectorException when the system could not be read (after retries)
     */
    public Page fetch(ConnectionContext connection, String stream, JsonNode checkpoint, String pageToken) {
        ConnectorSpec spec = registry.get(connection.connector());
        StreamSpec streamSpec = stream(spec, stream);
        return withAccessToken(spec, connection, context -> {
            Session session = open(spec, context);
            return new StreamReader(spec.name(), stream, streamSpec, session.requester(), session.requests(), clock)
                    .read(checkpoint, pageToken);
        });
    }

    /**
     * Reads records of a stream again by key (webhooks that carry only ids), completed as a listed page is. Keys the
     * system no longer knows are left out of the answer.
     *
     * @throws ConnectorException when the system could not be read (after retries)
     */
    public List<JsonNode> lookup(ConnectionContext connection, String stream, List<String> keys) {
        ConnectorSpec spec = registry.get(connection.connector());
        StreamSpec streamSpec = stream(spec, stream);
        if (keys.isEmpty()) {
            return List.of();
        }
        return withAccessToken(spec, connection, context -> {
            Session session = open(spec, context);
            return new StreamReader(spec.name(), stream, streamSpec, session.requester(), session.requests(), clock)
                    .lookup(keys);
        });
    }

    /**
     * Every key of a stream as the system lists it now, page after page without the stream's filter (its
     * {@code sweep} block); for finding the records it deleted without saying so.
     *
     * @param budget what the sync run may still read, one page per listing request; null outside runs
     * @throws IllegalArgumentException when the stream has no sweep block
     * @throws ConnectorException when the system could not be read (after retries), or the budget is spent
     */
    public Set<String> keys(ConnectionContext connection, String stream, PageBudget budget) {
        ConnectorSpec spec = registry.get(connection.connector());
        StreamSpec streamSpec = stream(spec, stream);
        if (streamSpec.sweep() == null) {
            throw new IllegalArgumentException(spec.name() + ": stream " + stream + " has no sweep block");
        }
        Set<String> keys = new LinkedHashSet<>();
        String pageToken = null;
        do {
            if (budget != null) {
                budget.spend();
            }
            String token = pageToken;
            StreamReader.KeyPage page = withAccessToken(spec, connection, context -> {
                Session session = open(spec, context);
                return new StreamReader(spec.name(), stream, streamSpec, session.requester(), session.requests(), clock)
                        .keys(token);
            });
            keys.addAll(page.keys());
            pageToken = page.nextPageToken();
        } while (pageToken != null);
        return keys;
    }

    /**
     * Sends one request of a target's action: its method and path ({@code {{item.x}}} filled from {@code item},
     * percent-encoded) with {@code body} as JSON, under the connection's auth, rate limit and retries. A status the
     * action {@code accept}s comes back as an answer ({@link HttpResult#status()}), body included. A {@code Retry-After}
     * longer than the engine's target wait is not waited out: the exception carries it
     * ({@link ConnectorException#retryAfter()}).
     *
     * @param item the values of the item the request is for (empty for a batch)
     * @param body the JSON body, or null for none
     * @throws ConnectorException when the target refused the request or could not be reached (after retries)
     */
    public HttpResult act(ConnectionContext connection, String action, Map<String, String> item, JsonNode body) {
        return act(connection, action, item, List.of(), body);
    }

    /** {@link #act(ConnectionContext, String, Map, JsonNode)} with query parameters (a page size, a page cursor). */
    public HttpResult act(ConnectionContext connection, String action, Map<String, String> item,
                          List<Map.Entry<String, String>> query, JsonNode body) {
        ConnectorSpec spec = registry.get(connection.connector());
        ActionSpec a = action(spec, action);
        List<ResponseFilterSpec> accepted = a.accept().isEmpty() ? List.of()
                : List.of(new ResponseFilterSpec(a.accept(), null, ResponseFilterSpec.IGNORE, null));
        return withAccessToken(spec, connection, context -> {
            Session session = open(spec, context, spec.auth(), null, targetRetryWait);
            RequestFactory requests = session.requests();
            String path = requests.render(Template.render(a.path(), variable -> variable.startsWith(ActionSpec.ITEM)
                    ? itemValue(spec, action, item, variable.substring(ActionSpec.ITEM.length()))
                    : "{{" + variable + "}}"));
            HttpCall call = requests.rest(a.method(), path, query, body == null ? null : body.toString());
            return session.requester().execute(call, action, accepted);
        });
    }

    /** A target's action by name. */
    public ActionSpec action(String connector, String action) {
        return action(registry.get(connector), action);
    }

    private static ActionSpec action(ConnectorSpec spec, String action) {
        ActionSpec a = spec.actions().get(action);
        if (a == null) {
            throw new IllegalArgumentException("connector '" + spec.name() + "' has no action '" + action
                    + "' (actions: " + spec.actions().keySet() + ")");
        }
        return a;
    }

    private static String itemValue(ConnectorSpec spec, String action, Map<String, String> item, String name) {
        String value = item.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(spec.name() + ": action " + action + " needs the item's '" + name + "'");
        }
        return QueryString.encode(value);
    }

    /** Runs {@code work} with a fresh access token where the auth renews one: ahead of expiry, or once after a rejection. */
    private <T> T withAccessToken(ConnectorSpec spec, ConnectionContext connection, Function<ConnectionContext, T> work) {
        TokenRenewal renewal = spec.auth() == null ? null : spec.auth().renewal();
        if (renewal == null) {
            return work.apply(connection);
        }
        ConnectionContext context = tokens.current(connection, renewal);
        if (tokens.due(context, renewal)) {
            context = tokens.renew(context, renewal, false, stored -> renewedSecrets(spec, stored));
        }
        try {
            return work.apply(context);
        } catch (ConnectorException e) {
            boolean rejected = e.vendorCode() != null && renewal.onErrors().contains(e.vendorCode()) || renewal.onErrors().contains(Integer.toString(e.status()));
            if (!rejected) {
                throw e;
            }
            return work.apply(tokens.renew(context, renewal, true, stored -> renewedSecrets(spec, stored)));
        }
    }

    /** Calls the token endpoint and returns the secrets to save. */
    private Map<String, String> renewedSecrets(ConnectorSpec spec, ConnectionContext connection) {
        TokenRenewal renewal = spec.auth().renewal();
        TokenCall token = spec.auth() instanceof AuthSpec.OAuth2 oauth2 ? oauth2Token(spec, connection, oauth2)
                : signedRefresh(spec, connection, (RefreshSpec) renewal);
        JsonNode answer;
        try {
            answer = token.session().requester().execute(token.call(), "refresh").json();
        } catch (ConnectorException e) {
            throw new ConnectorException(spec.name() + ": token renewal was refused: " + e.getMessage(), e.status(),
                    e.vendorCode(), e);
        }
        JsonNode access = answer == null ? null : answer.at(renewal.accessToken());
        if (access == null || !access.isTextual() || access.asText().isEmpty()) {
            throw new ConnectorException(spec.name() + ": token refresh by " + token.call().describe()
                    + " returned no access token at " + renewal.accessToken(), 200);
        }
        Map<String, String> renewed = new LinkedHashMap<>();
        renewed.put(renewal.accessTokenSecret(), access.asText());
        JsonNode refreshToken = renewal.refreshToken() == null ? null : answer.at(renewal.refreshToken());
        if (refreshToken != null && refreshToken.isTextual() && !refreshToken.asText().isEmpty()) {
            renewed.put(renewal.refreshTokenSecret(), refreshToken.asText());
        }
        JsonNode expiresIn = renewal.expiresIn() == null ? null : answer.at(renewal.expiresIn());
        if (expiresIn != null && expiresIn.canConvertToLong() || expiresIn != null && expiresIn.asText().matches("\\d+")) {
            renewed.put(TokenRenewal.EXPIRES_AT_SECRET, clock.instant().plusSeconds(expiresIn.asLong()).toString());
        }
        return renewed;
    }

    private record TokenCall(Session session, HttpCall call) {
    }

    /** Shopee's and Lazada's refresh: a call signed as the API's public calls are (no access token). */
    private TokenCall signedRefresh(ConnectorSpec spec, ConnectionContext connection, RefreshSpec refresh) {
        Session session = open(spec, connection, spec.auth().withoutAccessToken(), refresh.baseUrl());
        RequestFactory requests = session.requests();
        List<Map.Entry<String, String>> params = new ArrayList<>();
        refresh.params().forEach((name, value) -> params.add(Map.entry(name, requests.render(value))));
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        refresh.body().forEach((name, value) -> {
            String rendered = requests.render(value);
            if (refresh.bodyNumbers().contains(name) && rendered != null && rendered.matches("-?\\d{1,18}")) {
                body.put(name, Long.parseLong(rendered));
            } else {
                body.put(name, rendered);
            }
        });
        return new TokenCall(session, requests.rest(refresh.method(), requests.render(refresh.path()), params,
                refresh.body().isEmpty() ? null : body.toString()));
    }

    /** RFC 6749 §6 / §4.4: a form POST to the token URL, the client authenticated by HTTP Basic or in the form. */
    private TokenCall oauth2Token(ConnectorSpec spec, ConnectionContext connection, AuthSpec.OAuth2 oauth2) {
        boolean basic = oauth2.clientAuth().equals("basic");
        Session session = open(spec, connection, basic ? new AuthSpec.Basic(oauth2.clientId(), oauth2.clientSecret()) : null,
                oauth2.tokenUrl());
        RequestFactory requests = session.requests();
        List<Map.Entry<String, String>> form = new ArrayList<>();
        if (oauth2.grant().equals(AuthSpec.OAuth2.REFRESH_TOKEN)) {
            form.add(Map.entry("grant_type", "refresh_token"));
            form.add(Map.entry("refresh_token", requests.render(oauth2.refreshToken())));
        } else {
            form.add(Map.entry("grant_type", "client_credentials"));
        }
        if (!oauth2.scopes().isEmpty()) {
            form.add(Map.entry("scope", String.join(" ", oauth2.scopes())));
        }
        if (!basic) {
            form.add(Map.entry("client_id", requests.render(oauth2.clientId())));
            form.add(Map.entry("client_secret", requests.render(oauth2.clientSecret())));
        }
        return new TokenCall(session, requests.form(form));
    }

    /** How often and how long the connection's requests have waited for its rate limit in this process. */
    public RateLimitWaits.Snapshot rateLimitWaits(String connectionId) {
        return rateLimiters.waits(connectionId);
    }

    /** Sends the spec's {@code test} request with the connection's address and credentials. */
    public TestResult test(ConnectionContext connection) {
        ConnectorSpec spec = registry.get(connection.connector());
        List<String> problems = validate(connection);
        if (!problems.isEmpty()) {
            return TestResult.failed("invalid connection: " + String.join("; ", problems));
        }
        if (spec.test() == null) {
            return TestResult.parametersOnly(spec.name());
        }
        try {
            // with a fresh token, as a read would have: an OAuth 2 connection may not have its first one yet
            return withAccessToken(spec, connection, context -> test(spec, context));
        } catch (ConnectorException e) {
            return TestResult.failed(e.getMessage());
        }
    }

    private TestResult test(ConnectorSpec spec, ConnectionContext connection) {
        Session session = open(spec, connection);
        TestSpec test = spec.test();
        RequestFactory requests = session.requests();
        HttpCall call = test.graphql() != null
                ? requests.graphql(test.graphql().query(), JsonNodeFactory.instance.objectNode())
                : requests.rest(test.request().method(), requests.render(test.request().path()),
                        test.request().params().entrySet().stream()
                                .map(p -> Map.entry(p.getKey(), requests.render(p.getValue()))).toList());
        HttpResult result = session.requester().execute(call, TEST_OPERATION);
        if (test.graphql() != null) {
            GraphqlErrors.requireData(spec.name(), call, result);
        }
        return TestResult.connected(spec.title(), call.describe());
    }

    /** Problems with a connection's params and secrets against its spec's {@code connection} schema; empty when valid. */
    public List<String> validate(ConnectionContext connection) {
        return registry.get(connection.connector()).connection().validate(connection.params(), connection.secrets());
    }

    /** A connection's parameters with the spec's defaults filled in (what templates and mappings see). */
    public Map<String, Object> params(ConnectionContext connection) {
        return registry.get(connection.connector()).connection().withDefaults(connection.params());
    }

    /** A spec template ({@code {{params.x}}}, {@code {{secrets.y}}}) rendered for a connection. */
    public String render(ConnectionContext connection, String template) {
        ConnectorSpec spec = registry.get(connection.connector());
        Map<String, Object> params = spec.connection().withDefaults(connection.params());
        return Template.render(template, name -> value(name, params, connection.secrets(), spec.requester().apiVersion()));
    }

    /** How the engine waits (between retries; a writer between polls of a target's asynchronous job). */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** The clock the engine reads time from (token expiry, windows, listings). */
    public Clock clock() {
        return clock;
    }

    /** The webhooks block of a connector, or null when it receives none. */
    public WebhookSpec webhooks(String connector) {
        return registry.find(connector).map(ConnectorSpec::webhooks).orElse(null);
    }

    /** The keys of a connector's parameters that are secrets. */
    public Set<String> secretKeys(String connector) {
        return registry.get(connector).connection().secretKeys();
    }

    public Set<String> streams(String connector) {
        return registry.get(connector).streams().keySet();
    }

    /** The stream's sweep block, or null when it has none. */
    public SweepSpec sweep(String connector, String stream) {
        return stream(registry.get(connector), stream).sweep();
    }

    /** The record field that identifies a record of the stream. */
    public String primaryKey(String connector, String stream) {
        return stream(registry.get(connector), stream).primaryKey();
    }

    public String entity(String connector, String stream) {
        return stream(registry.get(connector), stream).entity();
    }

    private static StreamSpec stream(ConnectorSpec spec, String stream) {
        StreamSpec s = spec.stream(stream);
        if (s == null) {
            throw new IllegalArgumentException("connector '" + spec.name() + "' has no stream '" + stream
                    + "' (streams: " + spec.streams().keySet() + ")");
        }
        return s;
    }

    private record Session(Requester requester, RequestFactory requests) {
    }

    private Session open(ConnectorSpec spec, ConnectionContext connection) {
        return open(spec, connection, spec.auth(), null);
    }

    /** @param baseUrlTemplate replaces the requester's base URL and path (the token endpoint's host); null: keep them */
    private Session open(ConnectorSpec spec, ConnectionContext connection, AuthSpec auth, String baseUrlTemplate) {
        return open(spec, connection, auth, baseUrlTemplate, null);
    }

    /** @param longestWait the longest {@code Retry-After} waited out in place; null: any */
    private Session open(ConnectorSpec spec, ConnectionContext connection, AuthSpec auth, String baseUrlTemplate,
                         Duration longestWait) {
        List<String> problems = spec.connection().validate(connection.params(), connection.secrets());
        if (!problems.isEmpty()) {
            // messages name no connection id: they reach merchants, who know the connection by its API id in their
            // workspace, and its global id may depend on other workspaces
            throw new ConnectorException(spec.name() + ": connection is invalid: " + String.join("; ", problems), 0);
        }
        RequesterSpec r = spec.requester();
        Map<String, Object> params = spec.connection().withDefaults(connection.params());
        UnaryOperator<String> render = template -> {
            try {
                return Template.render(template, name -> value(name, params, connection.secrets(), r.apiVersion()));
            } catch (IllegalArgumentException e) {
                throw new ConnectorException(spec.name() + ": connection: " + e.getMessage(), 0);
            }
        };
        Object baseUrlOverride = params.get(ConnectorSpec.BASE_URL_PARAM);
        String baseUrl = baseUrlTemplate != null ? render.apply(baseUrlTemplate)
                : baseUrlOverride == null || baseUrlOverride.toString().isBlank()
                ? render.apply(r.baseUrl()) : baseUrlOverride.toString();
        Map<String, String> headers = new LinkedHashMap<>();
        r.headers().forEach((name, value) -> headers.put(name, render.apply(value)));
        RequestFactory requests = new RequestFactory(baseUrl, baseUrlTemplate != null ? "" : render.apply(r.path()),
                r.method(), headers, Authenticators.of(auth, render, URI.create(baseUrl).getRawPath(), clock), render);
        ErrorHandler errors = r.errorEnvelope() == null ? new DefaultErrorHandler(r.retry())
                : new EnvelopeErrorHandler(new DefaultErrorHandler(r.retry()), r.errorEnvelope());
        Requester requester = new HttpRequester(spec.name(), transport(r.connectTimeout()), r.readTimeout(), errors,
                new RetryPolicy(r.retry(), errors, clock, longestWait),
                rateLimiters.forConnection(connection.connectionId(), spec.rateLimit()), sleeper, r.responseFilters());
        return new Session(requester, requests);
    }

    private static String value(String name, Map<String, Object> params, Map<String, String> secrets, String apiVersion) {
        if (name.startsWith(Template.PARAMS)) {
            Object v = params.get(name.substring(Template.PARAMS.length()));
            return v == null ? null : v.toString();
        }
        if (name.startsWith(Template.SECRETS)) {
            return secrets.get(name.substring(Template.SECRETS.length()));
        }
        return Template.API_VERSION.equals(name) ? apiVersion : null;
    }

    /** One pooled transport per connect timeout (in practice one). */
    private HttpTransport transport(Duration connectTimeout) {
        return transports.computeIfAbsent(connectTimeout, transportFactory);
    }
}
