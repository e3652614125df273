package io.mekong.api;

import io.mekong.identity.IdentityResolution;
import io.mekong.ops.WorkspaceScope;
import io.mekong.profile.FxRates;
import io.mekong.profile.ProfileTotals;
import java.math.BigDecimal;
import java.security.Principal;
import java.util.Map;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A workspace's reporting currency and exchange rates, which profile totals convert revenue with. Setting them
 * recomputes the totals of every profile of the workspace in the same transaction.
 */
@RestController
@RequestMapping("/api/fx-rates")
class FxRateController {

    private final FxRates rates;
    private final ProfileTotals totals;
    private final WorkspaceScope scope;
    private final TransactionTemplate transaction;
    private final IdentityResolution resolution;

    FxRateController(FxRates rates, ProfileTotals totals, WorkspaceScope scope, TransactionTemplate transaction,
                     IdentityResolution resolution) {
        this.rates = rates;
        this.totals = totals;
        this.scope = scope;
        this.transaction = transaction;
        this.resolution = resolution;
    }

    /** @param workspace admins and operators: which workspace (default: the default workspace) */
    @GetMapping
    FxRates.Rates get(@RequestParam(required = false) String workspace) {
        String id = scope.workspaceForNewRow(workspace);
        return rates.of(id).orElseThrow(() -> new NotFoundException("Workspace " + id));
    }

    /**
     * @param body {@code {"reportingCurrency": "VND", "rates": {"USD": 25400}}}: 1 unit of each currency in units of
     *             the reporting currency; replaces every rate
     */
    @PutMapping
    FxRates.Rates put(@RequestParam(required = false) String workspace, @RequestBody Settings body, Principal caller) {
        String id = scope.workspaceForNewRow(workspace);
        if (body.reportingCurrency() == null) {
            throw new IllegalArgumentException("reportingCurrency is required (an ISO 4217 code such as VND)");
        }
        rates.of(id).orElseThrow(() -> new NotFoundException("Workspace " + id));
        transaction.executeWithoutResult(status -> {
            rates.set(id, body.reportingCurrency(), body.rates() == null ? Map.of() : body.rates(), caller.getName());
            // no resolution may merge or split profiles between their totals' read and write
            resolution.lock(id);
            totals.refreshWorkspace(id);
        });
        return rates.of(id).orElseThrow();
    }

    record Settings(String reportingCurrency, Map<String, BigDecimal> rates) {
    }
}
