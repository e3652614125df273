package io.mekong.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.mekong.profile.ProfileReader;
import io.mekong.store.CanonicalReader;
import io.mekong.store.CustomerView;
import io.mekong.store.Listing;
import io.mekong.store.OrderView;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Canonical orders and source customers as stored; a customer names the profile it resolved to. */
@RestController
@RequestMapping("/api")
class RecordController {

    private final CanonicalReader reader;
    private final ConnectionAccess connections;
    private final ProfileReader profiles;

    RecordController(CanonicalReader reader, ConnectionAccess connections, ProfileReader profiles) {
        this.reader = reader;
        this.connections = connections;
        this.profiles = profiles;
    }

    @GetMapping("/orders/{connection}/{externalId}")
    OrderView order(@PathVariable String connection, @PathVariable String externalId,
                    @RequestParam(required = false) String workspace) {
        String id = connections.visible(connection, workspace).id();
        return reader.order(id, externalId).map(order -> order.withConnectionsNamed(connections.apiIds()))
                .orElseThrow(() -> new NotFoundException("Order " + externalId + " of connection " + connection));
    }

    /** @param workspace admins: only this workspace's orders (and where to look for {@code connection}) */
    @GetMapping("/orders")
    Listing<OrderView> orders(@RequestParam(required = false) String connection,
                              @RequestParam(required = false) String workspace,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant since,
                              @RequestParam(required = false) String cursor,
                              @RequestParam(defaultValue = "50") int limit) {
        String id = connections.idIfNamed(connection, workspace);
        UnaryOperator<String> apiIds = connections.apiIds();
        return reader.orders(connections.workspace(workspace), id, since, cursor, limit)
                .map(order -> order.withConnectionsNamed(apiIds));
    }

    /** The customer record with {@code profile}, the id of the profile it resolved to (null until resolved). */
    @GetMapping("/customers/{connection}/{externalId}")
    CustomerWithProfile customer(@PathVariable String connection, @PathVariable String externalId,
                                 @RequestParam(required = false) String workspace) {
        String id = connections.visible(connection, workspace).id();
        return reader.customer(id, externalId).map(customer -> new CustomerWithProfile(customer.withConnection(connection),
                        profiles.profileOf(id, "customer", externalId).orElse(null)))
                .orElseThrow(() -> new NotFoundException("Customer " + externalId + " of connection " + connection));
    }

    record CustomerWithProfile(@JsonUnwrapped CustomerView customer, Long profile) {
    }

    /** @param workspace admins: only this workspace's customers (and where to look for {@code connection}) */
    @GetMapping("/customers")
    Listing<CustomerView> customers(@RequestParam(required = false) String connection,
                                    @RequestParam(required = false) String workspace,
                                    @RequestParam(required = false) String cursor,
                                    @RequestParam(defaultValue = "50") int limit) {
        String id = connections.idIfNamed(connection, workspace);
        UnaryOperator<String> apiIds = connections.apiIds();
        return reader.customers(connections.workspace(workspace), id, cursor, limit)
                .map(customer -> customer.withConnection(apiIds.apply(customer.connection())));
    }
}
