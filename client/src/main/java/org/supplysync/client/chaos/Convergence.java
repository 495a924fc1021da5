package org.supplysync.client.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The check over every site, from the sites' own databases and logs only: each record of a push the server answered
 * 200 must be held by every site that collects its store (the site that is initialised mid-campaign collects every
 * store, so it also stands for the central copy its initialisation re-queues); no site may hold a record of a store
 * it does not collect; and the queues' repeats are counted as {@link Deliveries} logged them.
 */
final class Convergence {

    /** What the check found; the examples name records. */
    record Check(long pushed, long lost, long resent, long duplicates, long delivered, long leaked,
                 List<String> lostExamples, List<String> resentExamples, List<String> leakedExamples) {
    }

    private final List<ChaosSite> sites;
    private final Map<String, Set<Integer>> collectorsOfStore = new HashMap<>();

    Convergence(List<ChaosSite> sites, Map<ChaosSite, List<ChaosSite>> collectors) {
        this.sites = sites;
        collectors.forEach((store, of) -> collectorsOfStore.put(store.storeId(),
                new HashSet<>(of.stream().map(ChaosSite::id).toList())));
    }

    Check check() {
        Map<Integer, Map<String, String>> held = new HashMap<>();
        sites.forEach(site -> held.put(site.id(), site.holdings()));
        long pushed = 0;
        long lost = 0;
        long leaked = 0;
        long resent = 0;
        long duplicates = 0;
        long delivered = 0;
        List<String> lostExamples = new ArrayList<>();
        List<String> leakedExamples = new ArrayList<>();
        List<String> resentExamples = new ArrayList<>();
        for (ChaosSite site : sites) {
            Map<String, String> answered = site.pushedAnswered200();
            pushed += answered.size();
            for (String record : answered.keySet()) {
                List<Integer> missingAt = collectorsOfStore.get(site.storeId()).stream()
                        .filter(collector -> !held.get(collector).containsKey(record)).sorted().toList();
                if (!missingAt.isEmpty()) {
                    lost++;
                    example(lostExamples, record + " of site " + site.id() + " missing on site(s) " + missingAt);
                }
            }
            for (Map.Entry<String, String> record : held.get(site.id()).entrySet()) {
                boolean own = record.getValue().equals(site.storeId());
                Set<Integer> collectors = collectorsOfStore.getOrDefault(record.getValue(), Set.of());
                if (!own && !collectors.contains(site.id())) {
                    leaked++;
                    example(leakedExamples, record.getKey() + " of store " + record.getValue() + " on site " + site.id());
                }
            }
            resent += site.deliveries().acknowledgedResent();
            duplicates += site.deliveries().duplicates();
            delivered += site.deliveries().delivered();
            site.deliveries().resentExamples().forEach(e -> example(resentExamples, e + " to site " + site.id()));
        }
        return new Check(pushed, lost, resent, duplicates, delivered, leaked, lostExamples, resentExamples, leakedExamples);
    }

    private static void example(List<String> examples, String example) {
        if (examples.size() < Deliveries.EXAMPLES) {
            examples.add(example);
        }
    }
}
