package io.mekong.mapping;

import io.mekong.mapping.canonical.CanonicalBalanceTransaction;
import io.mekong.mapping.canonical.CanonicalCharge;
import io.mekong.mapping.canonical.CanonicalCheckout;
import io.mekong.mapping.canonical.CanonicalCustomer;
import io.mekong.mapping.canonical.CanonicalOrder;
import io.mekong.mapping.canonical.CanonicalPayment;
import io.mekong.mapping.canonical.CanonicalProduct;
import io.mekong.mapping.canonical.CanonicalRecord;
import io.mekong.mapping.canonical.CanonicalRefund;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The canonical types a mapping may target, by the name used in a mapping's {@code target}. */
public enum CanonicalType {
    CUSTOMER(CanonicalCustomer.class),
    ORDER(CanonicalOrder.class),
    PRODUCT(CanonicalProduct.class),
    PAYMENT(CanonicalPayment.class),
    CHARGE(CanonicalCharge.class),
    REFUND(CanonicalRefund.class),
    BALANCE_TRANSACTION(CanonicalBalanceTransaction.class),
    CHECKOUT(CanonicalCheckout.class);

    private final Class<? extends CanonicalRecord> recordClass;

    CanonicalType(Class<? extends CanonicalRecord> recordClass) {
        this.recordClass = recordClass;
    }

    public Class<? extends CanonicalRecord> recordClass() {
        return recordClass;
    }

    public static CanonicalType of(String name) {
        for (CanonicalType type : values()) {
            if (type.name().toLowerCase(Locale.ROOT).equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown target '" + name + "', expected one of "
                + Arrays.stream(values()).map(t -> t.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
}
