package org.supplysync.bench.workload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stock transfers between the run's stores, in pairs of sites: in pair {@code p}, site {@code 2p + 1} sends and site
 * {@code 2p} responds. The sending store is the sending site's first store, in which the set-up made the name of
 * every store of the site before it visible (each store is visible in its destination site's first store, see
 * {@link Topology#viewerStore}); so each transfer is a finalised customer invoice of that store, with its lines, to
 * one of the responding site's stores, taken in turn. Transfer {@code n} is sent by pair {@code n % pairs}.
 */
public final class TransferPlan {

    private final Topology topology;
    private final List<Transfer> transfers;
    private final Map<String, Integer> byInvoice;
    private final Map<Integer, List<Workload.Row>> rowsBySendingSite;

    private TransferPlan(Topology topology, List<Transfer> transfers, Map<Integer, List<Workload.Row>> rowsBySendingSite) {
        this.topology = topology;
        this.transfers = transfers;
        this.rowsBySendingSite = rowsBySendingSite;
        this.byInvoice = new HashMap<>(transfers.size() * 2);
        transfers.forEach(transfer -> byInvoice.put(transfer.invoiceId(), transfer.number()));
    }

    /** {@code count} transfers over {@code pairs} pairs of sites; needs 2 x {@code pairs} sites. */
    public static TransferPlan of(Topology topology, int count, int pairs) {
        if (pairs < 1 || 2 * pairs > topology.sites()) {
            throw new IllegalArgumentException(pairs + " pairs of sites need " + 2 * pairs + " sites, the run has "
                    + topology.sites());
        }
        List<Transfer> transfers = new ArrayList<>(count);
        Map<Integer, List<Workload.Row>> rows = new HashMap<>();
        for (int n = 0; n < count; n++) {
            int pair = n % pairs;
            int sending = 2 * pair + 1;
            int responding = 2 * pair;
            // The responding site's stores: responding, responding + sites, ... (stores are dealt out round-robin).
            int storesThere = (topology.stores() - responding + topology.sites() - 1) / topology.sites();
            int respondingStore = responding + (n / pairs) % storesThere * topology.sites();
            String invoice = topology.prefix() + "-T-CI" + n;
            transfers.add(new Transfer(n, invoice, sending, responding, respondingStore));
            rows.computeIfAbsent(sending, site -> new ArrayList<>()).addAll(Workload.customerInvoice(topology, invoice,
                    sending, topology.nameId(respondingStore), n, true));
        }
        return new TransferPlan(topology, List.copyOf(transfers), rows);
    }

    public List<Transfer> transfers() {
        return transfers;
    }

    /** The transfer an initiating invoice id belongs to, or -1 when it is none of this plan's. */
    public int indexOf(String invoiceId) {
        Integer number = byInvoice.get(invoiceId);
        return number == null ? -1 : number;
    }

    /** The sites that send, each once, in pair order. */
    public List<Integer> sendingSites() {
        return rowsBySendingSite.keySet().stream().sorted().toList();
    }

    /** The sites that respond, each once, in pair order. */
    public List<Integer> respondingSites() {
        return sendingSites().stream().map(site -> site - 1).toList();
    }

    /** The records a sending site pushes, invoice before its lines, in the order it makes them. */
    public List<Workload.Row> rowsOf(int sendingSite) {
        return rowsBySendingSite.getOrDefault(sendingSite, List.of());
    }

    public String respondingStoreId(Transfer transfer) {
        return topology.storeId(transfer.respondingStore());
    }

    /**
     * Transfer {@code number}: its initiating invoice, the site that pushes it (the invoice's store is that site's
     * first store, whose index is the site's), and the site and store that must receive the responding half.
     */
    public record Transfer(int number, String invoiceId, int sendingSite, int respondingSite, int respondingStore) {
    }
}
