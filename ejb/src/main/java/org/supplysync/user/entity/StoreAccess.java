package org.supplysync.user.entity;

import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.supplysync.platform.Jsons.JSON;
import static org.supplysync.platform.Jsons.parseArray;

/**
 * A store a user may use, and what the user may do there: one entry of the login answer's {@code userStores}. Never
 * synced: it reaches a site only in that answer.
 */
@Entity
@Table(name = "user_store_access")
public class StoreAccess {

    @Id
    private String id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "user_id", nullable = false, updatable = false)
    private UserAccount user;

    @Column(name = "store_id", nullable = false, updatable = false)
    private String storeId;

    @Column(name = "can_login", nullable = false)
    private boolean canLogin;

    @Column(name = "is_default", nullable = false)
    private boolean isDefault;

    @Column(name = "can_action_replenishments", nullable = false)
    private boolean canActionReplenishments;

    /** The permission numbers, a JSON array ({@link StorePermission#number()}). */
    @Column(nullable = false)
    private String permissions;

    protected StoreAccess() {
    }

    StoreAccess(String id, UserAccount user, String storeId) {
        this.id = id;
        this.user = user;
        this.storeId = storeId;
        this.canLogin = true;
        this.permissions = "[]";
    }

    public void change(boolean canLogin, boolean isDefault, boolean canActionReplenishments,
                       Collection<StorePermission> permissions) {
        this.canLogin = canLogin;
        this.isDefault = isDefault;
        this.canActionReplenishments = canActionReplenishments;
        this.permissions = JSON.createArrayBuilder(permissions.stream().map(StorePermission::number).sorted().toList())
                .build().toString();
    }

    public String id() {
        return id;
    }

    public String userId() {
        return user.id();
    }

    public String storeId() {
        return storeId;
    }

    public boolean canLogin() {
        return canLogin;
    }

    public boolean isDefault() {
        return isDefault;
    }

    public boolean canActionReplenishments() {
        return canActionReplenishments;
    }

    /** The permissions granted, in mSupply's order; a number no longer known is left out. */
    public Set<StorePermission> permissions() {
        Set<StorePermission> granted = EnumSet.noneOf(StorePermission.class);
        for (JsonValue number : parseArray(permissions)) {
            StorePermission.numbered(((JsonNumber) number).intValue()).ifPresent(granted::add);
        }
        return granted;
    }

    @Override
    public String toString() {
        return storeId + (canLogin ? "" : " (no login)") + (isDefault ? " (default)" : "") + " "
                + permissions().stream().map(Enum::name).collect(Collectors.joining(", ", "[", "]"));
    }
}
