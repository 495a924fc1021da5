package org.supplysync.client.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What every site and the central server should hold, worked out from sync-rules.md independently of the server:
 * each change the simulation makes is routed here by the rules as they read, with the set-up (stores, sync-with,
 * visibility) of the moment the central integrates it. Not thread-safe: the simulation calls it under one lock.
 *
 * <ul>
 * <li>Central data (item, unit, name) reaches every remote site through the change log.</li>
 * <li>Central-store data (name_store_join) goes to the site where its store is active; the {@code store} record
 * goes to the active site and to each site that gets a copy of the store.</li>
 * <li>Store data goes to every other site with a collector copy of its store; a transfer (a transact naming another
 * store's name, that store active on another site, and its lines by their parent) also goes to the other store's
 * site and collector copies, and to no transfer copy. The central holds it when it is one of those sites.</li>
 * <li>A site never gets its own change back; visibility turns a NONE copy into TRANSFER, and invisibility on every
 * store of a site removes the copy there.</li>
 * </ul>
 */
final class ExpectedHoldings {

    static final int CENTRAL = 1;

    enum Copy { NONE, ACTIVE_COLLECTOR, TRANSFER }

    record Key(String table, String id) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int t = table.compareTo(other.table);
            return t != 0 ? t : id.compareTo(other.id);
        }

        @Override
        public String toString() {
            return table + "/" + id;
        }
    }

    record StoreDef(String id, String code, String name, String nameId, int site) {
    }

    /** The central's copy of a record: whether it holds it (or only knows whose it is), and its last state. */
    record CentralCopy(boolean held, boolean deleted, ObjectNode data) {
    }

    /** A store-data table: the field naming its store, or its parent, and the transfer field. */
    record StoreTable(String storeField, String parentTable, String parentField, String transferField) {
    }

    static final Map<String, StoreTable> STORE_TABLES = Map.of(
            "Location", new StoreTable("store_ID", null, null, null),
            "item_line", new StoreTable("store_ID", null, null, null),
            "Stock_take", new StoreTable("store_ID", null, null, null),
            "Stock_take_lines", new StoreTable(null, "Stock_take", "stock_take_ID", null),
            "transact", new StoreTable("store_ID", null, null, "name_ID"),
            "trans_line", new StoreTable(null, "transact", "transaction_ID", null),
            "requisition", new StoreTable("store_ID", null, null, "name_ID"),
            "requisition_line", new StoreTable(null, "requisition", "requisition_ID", null));

    static final Set<String> CENTRAL_TABLES = Set.of("item", "unit", "name", "currency", "list_master");

    private final Set<Integer> remoteSites = new HashSet<>();
    private final Map<String, StoreDef> stores = new LinkedHashMap<>();
    private final Map<String, String> storeByName = new HashMap<>();
    private final Map<String, Map<Integer, Copy>> copies = new HashMap<>();
    private final Map<String, String[]> visibility = new HashMap<>();
    private final Map<String, ObjectNode> storeRows = new HashMap<>();
    /** What each remote site received: the last version routed to it, or null when that was a delete. */
    private final Map<Integer, Map<Key, ObjectNode>> received = new HashMap<>();
    /** Each remote site's own records (its active stores' data): the last local state, null once deleted. */
    private final Map<Integer, Map<Key, ObjectNode>> own = new HashMap<>();
    /** Local changes since the site's last push. */
    private final Map<Integer, Map<Key, ObjectNode>> unpushed = new HashMap<>();
    private final Map<Key, CentralCopy> central = new HashMap<>();
    private final Set<Key> everMade = new HashSet<>();

    // --- set-up --------------------------------------------------------------------------------------------

    void siteAdded(int siteId) {
        remoteSites.add(siteId);
        received.put(siteId, new HashMap<>());
        own.put(siteId, new HashMap<>());
        unpushed.put(siteId, new LinkedHashMap<>());
        // The central change log is read from cursor 0: a new site gets all central data made before it.
        central.forEach((key, copy) -> {
            if (CENTRAL_TABLES.contains(key.table())) {
                received.get(siteId).put(key, copy.deleted() ? null : copy.data());
            }
        });
    }

    /** A store made through the admin API, with the store and name rows the server wrote for it. */
    void storeCreated(StoreDef store, ObjectNode storeRow, ObjectNode nameRow) {
        stores.put(store.id(), store);
        storeByName.put(store.nameId(), store.id());
        Map<Integer, Copy> storeCopies = new HashMap<>();
        if (store.site() != CENTRAL) {
            storeCopies.put(CENTRAL, Copy.ACTIVE_COLLECTOR);
        }
        copies.put(store.id(), storeCopies);
        storeRows.put(store.id(), storeRow);
        central.put(new Key("store", store.id()), new CentralCopy(true, false, storeRow));
        central.put(new Key("name", store.nameId()), new CentralCopy(true, false, nameRow));
        everMade.add(new Key("store", store.id()));
        everMade.add(new Key("name", store.nameId()));
        for (int site : remoteSites) {
            deliver(site, new Key("name", store.nameId()), nameRow);
        }
        deliver(store.site(), new Key("store", store.id()), storeRow);
    }

    /** PUT /api/stores/{id}/sync-with/{site}; false when the rules refuse it (not visible on that site). */
    boolean syncWithChanged(String storeId, int site, Copy type) {
        StoreDef store = stores.get(storeId);
        if (store.site() == site) {
            return type == Copy.ACTIVE_COLLECTOR;
        }
        Map<Integer, Copy> storeCopies = copies.get(storeId);
        if (type == Copy.NONE) {
            storeCopies.remove(site);
            return true;
        }
        if (site != CENTRAL && !visibleToStoresActiveOn(store, site)) {
            return false;
        }
        if (!storeCopies.containsKey(site)) {
            storeCopies.put(site, type);
            if (site != CENTRAL) {
                deliver(site, new Key("store", storeId), storeRows.get(storeId));
            }
        } else {
            storeCopies.put(site, type);
        }
        return true;
    }

    // --- central edits -------------------------------------------------------------------------------------

    /** A record edited on the central server (site 1): central data, or a name_store_join. {@code data} null = delete. */
    void centralEdit(String table, String id, ObjectNode data) {
        Key key = new Key(table, id);
        CentralCopy before = central.get(key);
        if (data == null && before == null) {
            return;
        }
        everMade.add(key);
        if ("name_store_join".equals(table)) {
            ObjectNode last = data != null ? data : before.data();
            StoreDef store = stores.get(text(last, "store_ID"));
            central.put(key, new CentralCopy(true, data == null, last));
            joinChanged(id, last, data == null);
            if (store != null && store.site() != CENTRAL) {
                deliver(store.site(), key, data);
            }
            return;
        }
        if (!CENTRAL_TABLES.contains(table)) {
            throw new IllegalArgumentException("the simulation edits no " + table + " on the central server");
        }
        central.put(key, new CentralCopy(true, data == null, data != null ? data : before.data()));
        for (int site : remoteSites) {
            deliver(site, key, data);
        }
    }

    private void joinChanged(String joinId, ObjectNode join, boolean deleted) {
        String nameId = text(join, "name_ID");
        String storeId = text(join, "store_ID");
        boolean visible = !deleted && nameId != null && storeId != null
                && !(join.has("inactive") && join.get("inactive").isBoolean() && join.get("inactive").asBoolean());
        String[] before = visibility.get(joinId);
        if (before != null && visible && before[0].equals(nameId) && before[1].equals(storeId)) {
            return;
        }
        if (before != null) {
            visibility.remove(joinId);
            nameBecameInvisible(before[0], before[1]);
        }
        if (visible) {
            visibility.put(joinId, new String[]{nameId, storeId});
            nameBecameVisible(nameId, storeId);
        }
    }

    private void nameBecameVisible(String nameId, String viewerId) {
        StoreDef visible = stores.get(storeByName.get(nameId));
        StoreDef viewer = stores.get(viewerId);
        if (visible == null || viewer == null || viewer.site() == visible.site()) {
            return;
        }
        Map<Integer, Copy> storeCopies = copies.get(visible.id());
        if (!storeCopies.containsKey(viewer.site())) {
            storeCopies.put(viewer.site(), Copy.TRANSFER);
            if (viewer.site() != CENTRAL) {
                deliver(viewer.site(), new Key("store", visible.id()), storeRows.get(visible.id()));
            }
        }
    }

    private void nameBecameInvisible(String nameId, String viewerId) {
        StoreDef visible = stores.get(storeByName.get(nameId));
        StoreDef viewer = stores.get(viewerId);
        if (visible == null || viewer == null) {
            return;
        }
        int site = viewer.site();
        if (site == CENTRAL || site == visible.site() || visibleToStoresActiveOn(visible, site)) {
            return;
        }
        copies.get(visible.id()).remove(site);
    }

    boolean visibleToStoresActiveOn(StoreDef store, int site) {
        for (String[] join : visibility.values()) {
            StoreDef viewer = stores.get(join[1]);
            if (join[0].equals(store.nameId()) && viewer != null && viewer.site() == site) {
                return true;
            }
        }
        return false;
    }

    /** Whether the name of {@code store} is visible in {@code viewer} now. */
    boolean isVisibleIn(String storeId, String viewerId) {
        String nameId = stores.get(storeId).nameId();
        for (String[] join : visibility.values()) {
            if (join[0].equals(nameId) && join[1].equals(viewerId)) {
                return true;
            }
        }
        return false;
    }

    // --- site edits and pushes -----------------------------------------------------------------------------

    /** A local edit on a site; {@code data} null = delete. */
    void localEdit(int site, String table, String id, ObjectNode data) {
        Key key = new Key(table, id);
        everMade.add(key);
        own.get(site).put(key, data == null ? null : data.deepCopy());
        unpushed.get(site).put(key, data == null ? null : data.deepCopy());
    }

    /** The site pushed every unpushed change and the central integrated them (parents before lines). */
    void pushed(int site) {
        Map<Key, ObjectNode> changes = unpushed.get(site);
        List<Map.Entry<Key, ObjectNode>> ordered = new ArrayList<>(changes.entrySet());
        ordered.sort((a, b) -> Boolean.compare(isLine(a.getKey().table()), isLine(b.getKey().table())));
        for (Map.Entry<Key, ObjectNode> change : ordered) {
            integrate(site, change.getKey(), change.getValue());
        }
        changes.clear();
    }

    int unpushedCount(int site) {
        return unpushed.get(site).size();
    }

    private void integrate(int origin, Key key, ObjectNode data) {
        StoreTable table = STORE_TABLES.get(key.table());
        if (table == null) {
            throw new IllegalArgumentException("the simulation pushes no " + key.table());
        }
        CentralCopy before = central.get(key);
        if (data == null && before == null) {
            return; // made and deleted between two pushes: the central never knew it
        }
        ObjectNode last = data != null ? data : before.data();
        String storeId = ownerStore(table, last);
        StoreDef store = storeId == null ? null : stores.get(storeId);
        if (store == null || store.site() != origin) {
            throw new IllegalStateException("the simulation pushed " + key + " from site " + origin
                    + ", which does not own it: it would be refused");
        }
        // sync-rules.md, "Where transfer records go": the sites of both stores (active and collectors), no others.
        String otherStore = transferStore(table, last, store);
        Set<Integer> sites = new HashSet<>();
        for (String party : otherStore == null ? List.of(storeId) : List.of(storeId, otherStore)) {
            sites.add(stores.get(party).site());
            copies.get(party).forEach((site, copy) -> {
                if (copy == Copy.ACTIVE_COLLECTOR) {
                    sites.add(site);
                }
            });
        }
        boolean held = sites.contains(CENTRAL);
        sites.remove(origin);
        sites.remove(CENTRAL);
        if (data != null) {
            central.put(key, new CentralCopy(held, false, data));
        } else {
            central.put(key, new CentralCopy(before.held(), true, before.data()));
        }
        for (int site : sites) {
            deliver(site, key, data);
        }
    }

    private String ownerStore(StoreTable table, ObjectNode data) {
        if (table.parentTable() != null) {
            CentralCopy parent = central.get(new Key(table.parentTable(), text(data, table.parentField())));
            return parent == null ? null : text(parent.data(), STORE_TABLES.get(table.parentTable()).storeField());
        }
        return text(data, table.storeField());
    }

    private String transferStore(StoreTable table, ObjectNode data, StoreDef store) {
        String otherName;
        if (table.transferField() != null) {
            otherName = text(data, table.transferField());
        } else if (table.parentTable() != null) {
            CentralCopy parent = central.get(new Key(table.parentTable(), text(data, table.parentField())));
            StoreTable parentTable = STORE_TABLES.get(table.parentTable());
            otherName = parent == null || parentTable.transferField() == null ? null
                    : text(parent.data(), parentTable.transferField());
        } else {
            otherName = null;
        }
        String other = otherName == null ? null : storeByName.get(otherName);
        if (other == null || other.equals(store.id())) {
            return null;
        }
        return stores.get(other).site() == store.site() ? null : other;
    }

    private static boolean isLine(String table) {
        StoreTable t = STORE_TABLES.get(table);
        return t != null && t.parentTable() != null;
    }

    private void deliver(int site, Key key, ObjectNode data) {
        if (site == CENTRAL || !remoteSites.contains(site)) {
            return;
        }
        received.get(site).put(key, data);
    }

    // --- expectations --------------------------------------------------------------------------------------

    /** The records the site should hold, live ones only. */
    Map<Key, ObjectNode> expectedOn(int site) {
        Map<Key, ObjectNode> expected = new TreeMap<>();
        received.get(site).forEach((key, data) -> {
            if (data != null) {
                expected.put(key, data);
            }
        });
        own.get(site).forEach((key, data) -> {
            if (data != null) {
                expected.put(key, data);
            } else {
                expected.remove(key);
            }
        });
        return expected;
    }

    /** What the central should answer for each record the simulation ever made: empty = 404. */
    Map<Key, Optional<CentralCopy>> expectedOnCentral() {
        Map<Key, Optional<CentralCopy>> expected = new TreeMap<>();
        for (Key key : everMade) {
            CentralCopy copy = central.get(key);
            expected.put(key, copy == null || !copy.held() ? Optional.empty() : Optional.of(copy));
        }
        return expected;
    }

    // --- facts the workload asks about ---------------------------------------------------------------------

    Collection<StoreDef> stores() {
        return stores.values();
    }

    StoreDef store(String id) {
        return stores.get(id);
    }

    List<StoreDef> storesOn(int site) {
        return stores.values().stream().filter(s -> s.site() == site).toList();
    }

    Copy copy(String storeId, int site) {
        StoreDef store = stores.get(storeId);
        if (store.site() == site) {
            return Copy.ACTIVE_COLLECTOR;
        }
        return copies.get(storeId).getOrDefault(site, Copy.NONE);
    }

    Map<String, String[]> visibility() {
        return visibility;
    }

    Set<Integer> remoteSites() {
        return remoteSites;
    }

    static String text(JsonNode data, String field) {
        if (data == null || field == null) {
            return null;
        }
        JsonNode value = data.get(field);
        return value != null && value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }
}
