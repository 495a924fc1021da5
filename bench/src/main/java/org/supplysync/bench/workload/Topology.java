package org.supplysync.bench.workload;

/**
 * Who is where in one run. Store k is active on site k % sites and has its one collector copy on the next site,
 * (k + 1) % sites: so each pushed record goes to exactly one other remote site (and is kept centrally), and the
 * pull side can tell where every record should have arrived.
 *
 * <p>Every name and id starts with the run's prefix ("b" + the epoch second it started), so runs can repeat on the
 * same database. Site ids need to be unique numbers: 100000 + (second % 100000) * 1000 + site index.
 */
public record Topology(String prefix, int sites, int stores, int firstSiteId) {

    /** Central items the run's records refer to (made in the set-up). */
    public static final int ITEMS = 20;

    public static Topology startingAt(long epochSecond, int sites, int stores) {
        return new Topology("b" + epochSecond, sites, stores, 100_000 + (int) (epochSecond % 100_000) * 1000);
    }

    public int siteId(int site) {
        return firstSiteId + site;
    }

    public boolean isRunSite(int siteId) {
        return siteId >= firstSiteId && siteId < firstSiteId + sites;
    }

    public String siteName(int site) {
        return prefix + "-site" + site;
    }

    public String sitePassword(int site) {
        return "pw-" + siteName(site);
    }

    public String storeId(int store) {
        return prefix + "-S" + store;
    }

    /** The index of one of this run's stores, or -1 for any other store id. */
    public int storeIndex(String storeId) {
        String own = prefix + "-S";
        if (storeId == null || !storeId.startsWith(own)) {
            return -1;
        }
        try {
            int store = Integer.parseInt(storeId.substring(own.length()));
            return store < stores ? store : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public String storeName(int store) {
        return "Bench store " + store + " of run " + prefix;
    }

    public String nameId(int store) {
        return prefix + "-N" + store;
    }

    public String joinId(int store) {
        return prefix + "-J" + store;
    }

    public String itemId(int item) {
        return prefix + "-ITEM" + item;
    }

    public String unitId() {
        return prefix + "-UNIT";
    }

    /** A customer (a facility, not a store): invoices to it are no transfers. */
    public String customerNameId() {
        return prefix + "-CUSTOMER";
    }

    public String supplierNameId() {
        return prefix + "-SUPPLIER";
    }

    public int activeSite(int store) {
        return store % sites;
    }

    public int destinationSite(int store) {
        return (store + 1) % sites;
    }

    /**
     * The store in which {@code store} is made visible on its destination site: that site's first store, whose
     * index is the site's own (stores are dealt out round-robin and there are at least as many stores as sites).
     */
    public int viewerStore(int store) {
        return destinationSite(store);
    }
}
