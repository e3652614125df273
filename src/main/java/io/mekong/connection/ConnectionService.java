package io.mekong.connection;

import io.mekong.connector.ConnectionContext;
import io.mekong.connector.ConnectorRegistry;
import io.mekong.connector.auth.CredentialStore;
import io.mekong.connector.spec.ConnectionSchema;
import io.mekong.ops.AuditLog;
import io.mekong.ops.RefusedChange;
import io.mekong.ops.SecretCipher;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Creates, changes and opens connections: validates them against their connector's schema and seals secrets.
 * Also the store of renewed access tokens: one renewer at a time holds the connection's renewal lease.
 */
@Service
public class ConnectionService implements CredentialStore {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final String ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    /** The parameters naming a host the connection's credentials are sent to. */
    static final List<String> HOST_PARAMS = List.of("baseUrl", "authBaseUrl");
    /** Longer than a token request with its retries takes; a renewer that dies frees the lease when it ends. */
    static final Duration RENEWAL_LEASE = Duration.ofMinutes(5);
    private static final Duration LEASE_POLL = Duration.ofMillis(100);

    private final ConnectionRepository repository;
    private final ConnectorRegistry connectors;
    private final SecretCipher cipher;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final AuditLog audit;

    public ConnectionService(ConnectionRepository repository, ConnectorRegistry connectors, SecretCipher cipher,
                             Clock clock, AuditLog audit) {
        this.repository = repository;
        this.clock = clock;
        this.connectors = connectors;
        this.cipher = cipher;
        this.audit = audit;
    }

    /**
     * Renews under the connection's lease, with no database transaction open while {@code renew} calls the vendor;
     * the renewed secrets commit in a statement of their own the moment it answers, so that nothing that fails
     * afterwards can take back a token the vendor has already replaced.
     *
     * @throws IllegalStateException when called inside a transaction, or when another renewer holds the lease for
     *                               longer than a lease lasts
     */
    @Override
    public Map<String, String> renew(String connectionId, Map<String, String> known, UnaryOperator<Map<String, String>> renew) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("token renewal of connection '" + connectionId
                    + "' inside a database transaction: the call to the vendor must not hold one open");
        }
        String holder = UUID.randomUUID().toString();
        ConnectionRepository.Lease lease = awaitLease(connectionId, holder);
        Map<String, String> stored = lease.sealed() == null ? Map.of() : cipher.decrypt(lease.sealed());
        Map<String, String> changes;
        try {
            changes = renew.apply(stored);
        } catch (RuntimeException e) {
            repository.releaseRenewalLease(connectionId, holder);
            throw e;
        }
        if (changes == null) {
            repository.releaseRenewalLease(connectionId, holder);
            return stored;
        }
        Map<String, String> merged = new HashMap<>(stored);
        merged.putAll(changes);
        repository.saveRenewal(connectionId, holder, cipher.encrypt(merged));
        return Map.copyOf(merged);
    }

    private ConnectionRepository.Lease awaitLease(String connectionId, String holder) {
        Instant giveUp = clock.instant().plus(RENEWAL_LEASE).plusSeconds(5);
        while (true) {
            ConnectionRepository.Lease lease = repository.takeRenewalLease(connectionId, holder, RENEWAL_LEASE);
            if (lease != null) {
                return lease;
            }
            if (!repository.exists(connectionId)) {
                throw new IllegalArgumentException("connection '" + connectionId + "' does not exist");
            }
            if (clock.instant().isAfter(giveUp)) {
                throw new IllegalStateException("connection '" + connectionId
                        + "' is held by a token renewal or an edit for longer than " + RENEWAL_LEASE);
            }
            try {
                Thread.sleep(LEASE_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting to renew the token of " + connectionId, e);
            }
        }
    }

    public Optional<Connection> find(String id) {
        return repository.find(id, this::secretKeys);
    }

    /** @param workspaceId null for every workspace */
    public List<Connection> list(String workspaceId) {
        return repository.list(workspaceId, this::secretKeys);
    }

    /**
     * Finds a connection by the id callers know it by.
     *
     * @param workspaceId null to look in every workspace, where several connections may share the API id
     */
    public List<Connection> findByApiId(String workspaceId, String apiId) {
        return repository.findByApiId(workspaceId, apiId, this::secretKeys);
    }

    /** The global id of the connection known by {@code apiId} in the workspace, if it exists. */
    public Optional<String> id(String workspaceId, String apiId) {
        return repository.id(workspaceId, apiId);
    }

    /** The API id of the connection with this global id, if it exists. */
    public Optional<String> apiId(String id) {
        return repository.apiId(id);
    }

    /**
     * Creates a connection under the draft's id (or a generated one), which only has to be free in its workspace. Its
     * global id is the same when no connection has it yet, else one derived from it: nothing the caller sees depends on
     * whether another workspace uses the id.
     *
     * @throws IllegalArgumentException naming every problem with the draft
     */
    public Connection create(ConnectionDraft draft) {
        ConnectionSchema schema = schema(draft.connector());
        if (!repository.workspaceExists(draft.workspaceId())) {
            throw RefusedChange.invalid("workspace", "connections.error.workspace-unknown",
                    "workspace '" + draft.workspaceId() + "' does not exist", draft.workspaceId());
        }
        String apiId = draft.id() == null || draft.id().isBlank() ? withSuffix(draft.connector().toLowerCase()) : draft.id();
        if (!ID.matcher(apiId).matches()) {
            throw RefusedChange.invalid("id", "connections.error.id-invalid",
                    "id '" + apiId + "' must be 2-63 lower-case letters, digits or '-'", apiId);
        }
        if (id(draft.workspaceId(), apiId).isPresent()) {
            throw alreadyExists(apiId);
        }
        Map<String, Object> params = schema.withDefaults(draft.params());
        validate(schema, draft.connector(), params, draft.secrets());
        byte[] secrets = cipher.encrypt(draft.secrets());
        String id = repository.exists(apiId) ? withSuffix(apiId) : apiId;
        for (int attempt = 1; ; attempt++) {
            try {
                repository.insert(id, apiId, draft.workspaceId(), draft.connector(), name(draft, apiId), params, secrets);
                Connection created = find(id).orElseThrow();
                audit.record(created.workspaceId(), "created", "connection", apiId, details(created, draft));
                return created;
            } catch (DuplicateKeyException e) {
                // a concurrent create took the API id in this workspace, or the global id anywhere
                if (id(draft.workspaceId(), apiId).isPresent()) {
                    throw alreadyExists(apiId);
                }
                if (attempt == 3) {
                    throw e;
                }
                id = withSuffix(apiId);
            }
        }
    }

    private static RefusedChange alreadyExists(String apiId) {
        return RefusedChange.invalid("id", "connections.error.id-exists",
                "a connection with id '" + apiId + "' already exists in this workspace", apiId);
    }

    /**
     * Changes a connection's name, params and secrets (a secret not given keeps its stored value). When the connection
     * moves to another host ({@link #HOST_PARAMS}), the stored secrets stay behind: the draft must give them again, so
     * that nobody can send a merchant's tokens to a host of their own choosing. Takes the connection's renewal lease,
     * so an edit never writes back a refresh token that a renewal has meanwhile spent and replaced.
     *
     * @throws IllegalArgumentException naming every problem with the draft
     */
    public Connection update(Connection existing, ConnectionDraft draft) {
        if (draft.connector() != null && !draft.connector().equals(existing.connector())) {
            throw new IllegalArgumentException("connector of a connection cannot change (" + existing.connector() + ")");
        }
        ConnectionSchema schema = schema(existing.connector());
        Map<String, Object> params = schema.withDefaults(draft.params());
        List<String> moved = HOST_PARAMS.stream()
                .filter(name -> !String.valueOf(params.get(name)).equals(String.valueOf(existing.params().get(name))))
                .toList();
        String holder = UUID.randomUUID().toString();
        ConnectionRepository.Lease lease = awaitLease(existing.id(), holder);
        try {
            Map<String, String> secrets = new HashMap<>();
            if (moved.isEmpty() && lease.sealed() != null) {
                secrets.putAll(cipher.decrypt(lease.sealed()));
            }
            draft.secrets().forEach((key, value) -> {
                if (value != null && !value.isEmpty()) {
                    secrets.put(key, value);
                }
            });
            List<ConnectionSchema.Problem> problems = schema.problems(params, secrets);
            if (!problems.isEmpty()) {
                throw new InvalidConnectionException(existing.connector() + " connection is invalid: "
                        + (moved.isEmpty() ? "" : String.join(", ", moved) + " changed, and stored secrets are never sent to"
                        + " another host: give them again; ") + messages(problems), problems, !moved.isEmpty());
            }
            repository.update(existing.id(), draft.name() == null ? existing.name() : draft.name(), params,
                    cipher.encrypt(secrets));
        } finally {
            repository.releaseRenewalLease(existing.id(), holder);
        }
        Connection updated = find(existing.id()).orElseThrow();
        audit.record(updated.workspaceId(), "updated", "connection", updated.apiId(), details(updated, draft));
        return updated;
    }

    public boolean delete(String id) {
        Optional<Connection> connection = find(id);
        boolean deleted = repository.delete(id);
        connection.filter(c -> deleted).ifPresent(c ->
                audit.record(c.workspaceId(), "deleted", "connection", c.apiId(), Map.of("connector", c.connector())));
        return deleted;
    }

    /** What the audit log keeps of a change: the names of the secrets given, never their values. */
    private static Map<String, Object> details(Connection connection, ConnectionDraft draft) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("connector", connection.connector());
        detail.put("name", connection.name());
        detail.put("secretsGiven", draft.secrets().entrySet().stream()
                .filter(e -> e.getValue() != null && !e.getValue().isEmpty()).map(Map.Entry::getKey).sorted().toList());
        return detail;
    }

    /** The connection opened for use: its params and decrypted secrets. Never log or return the result. */
    public ConnectionContext context(String id) {
        Connection connection = find(id).orElseThrow(() -> new IllegalArgumentException("connection '" + id + "' does not exist"));
        return new ConnectionContext(connection.id(), connection.workspaceId(), connection.connector(),
                connection.params(), secrets(id));
    }

    private Map<String, String> secrets(String id) {
        byte[] sealed = repository.sealedSecrets(id);
        return sealed == null ? Map.of() : cipher.decrypt(sealed);
    }

    private Set<String> secretKeys(byte[] sealed) {
        return sealed == null ? Set.of() : Set.copyOf(cipher.decrypt(sealed).keySet());
    }

    private ConnectionSchema schema(String connector) {
        if (connector == null || connector.isBlank()) {
            throw new IllegalArgumentException("connector is required; known: " + connectors.names());
        }
        return connectors.find(connector)
                .orElseThrow(() -> new IllegalArgumentException("unknown connector '" + connector + "'; known: " + connectors.names()))
                .connection();
    }

    private static void validate(ConnectionSchema schema, String connector, Map<String, Object> params,
                                 Map<String, String> secrets) {
        List<ConnectionSchema.Problem> problems = schema.problems(params, secrets);
        if (!problems.isEmpty()) {
            throw new InvalidConnectionException(connector + " connection is invalid: " + messages(problems), problems,
                    false);
        }
    }

    private static String messages(List<ConnectionSchema.Problem> problems) {
        return String.join("; ", problems.stream().map(ConnectionSchema.Problem::message).toList());
    }

    private static String name(ConnectionDraft draft, String id) {
        return draft.name() == null || draft.name().isBlank() ? id : draft.name();
    }

    /** {@code prefix} and six random letters or digits. */
    private String withSuffix(String prefix) {
        StringBuilder id = new StringBuilder(prefix).append('-');
        for (int i = 0; i < 6; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
