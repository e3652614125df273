package io.mekong.api;

import io.mekong.ops.WorkspaceScope;
import io.mekong.store.CanonicalReader;
import io.mekong.store.CustomerView;
import io.mekong.store.Listing;
import io.mekong.store.OrderView;
import java.time.Instant;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Canonical orders and source customers as stored. */
@RestController
@RequestMapping("/api")
class RecordController {

    private final CanonicalReader reader;
    private final ConnectionAccess connections;
    private final WorkspaceScope scope;

    RecordController(CanonicalReader reader, ConnectionAccess connections, WorkspaceScope scope) {
        this.reader = reader;
        this.connections = connections;
        this.scope = scope;
    }

    @GetMapping("/orders/{connection}/{externalId}")
    OrderView order(@PathVariable String connection, @PathVariable String externalId) {
        connections.visible(connection);
        return reader.order(connection, externalId)
                .orElseThrow(() -> new NotFoundException("Order " + externalId + " of connection " + connection));
    }

    @GetMapping("/orders")
    Listing<OrderView> orders(@RequestParam(required = false) String connection,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant since,
                              @RequestParam(required = false) String cursor,
                              @RequestParam(defaultValue = "50") int limit) {
        connections.visibleIfNamed(connection);
        return reader.orders(scope.confinedTo().orElse(null), connection, since, cursor, limit);
    }

    @GetMapping("/customers/{connection}/{externalId}")
    CustomerView customer(@PathVariable String connection, @PathVariable String externalId) {
        connections.visible(connection);
        return reader.customer(connection, externalId)
                .orElseThrow(() -> new NotFoundException("Customer " + externalId + " of connection " + connection));
    }

    @GetMapping("/customers")
    Listing<CustomerView> customers(@RequestParam(required = false) String connection,
                                    @RequestParam(required = false) String cursor,
                                    @RequestParam(defaultValue = "50") int limit) {
        connections.visibleIfNamed(connection);
        return reader.customers(scope.confinedTo().orElse(null), connection, cursor, limit);
    }
}
