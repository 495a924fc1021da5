package org.supplysync.batch.boundary;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.supplysync.batch.control.Jobs;
import org.supplysync.platform.ConflictException;
import org.supplysync.platform.InvalidRequestException;
import org.supplysync.platform.JsonBody;
import org.supplysync.platform.UnknownResourceException;
import org.supplysync.push.boundary.Pushes;
import org.supplysync.queue.boundary.SiteQueue;
import org.supplysync.site.boundary.Sites;
import org.supplysync.site.entity.Site;
import org.supplysync.site.entity.SiteType;
import org.supplysync.store.boundary.Stores;
import org.supplysync.store.entity.Store;
import org.supplysync.store.entity.SyncWithType;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.supplysync.platform.Jsons.JSON;

/**
 * Checks a job's parameters before anything starts (admin-api.md, "Jobs"): each job takes exactly its own, an unknown
 * site or store is a 400 naming it, a set-up the job must not start in is a 409, and nothing is reserved or started
 * for a request that fails here.
 */
@Dependent
public class JobRequests {

    private static final Map<String, Set<String>> PARAMETERS = Map.of(
            Jobs.INITIALISE_SITE, Set.of("siteId"),
            Jobs.RESEND_PATIENTS, Set.of("storeId"),
            Jobs.MOVE_STORE, Set.of("storeId", "toSiteId", "keepCollector"));

    @Inject
    Sites sites;

    @Inject
    Stores stores;

    @Inject
    SiteQueue queue;

    @Inject
    Pushes pushes;

    public JobRequest check(String jobName, JsonObject parameters) {
        if (!PARAMETERS.containsKey(jobName)) {
            throw UnknownResourceException.inPath("there is no job " + jobName + "; jobs: " + Jobs.ALL);
        }
        for (String name : parameters.keySet()) {
            if (!PARAMETERS.get(jobName).contains(name)) {
                throw new InvalidRequestException(jobName + " takes no parameter " + name + "; its parameters: "
                        + PARAMETERS.get(jobName));
            }
        }
        JsonBody body = JsonBody.of(parameters);
        return switch (jobName) {
            case Jobs.INITIALISE_SITE -> initialise(body.integer("siteId"));
            case Jobs.RESEND_PATIENTS -> resendPatients(body.text("storeId"));
            default -> moveStore(body.text("storeId"), body.integer("toSiteId"), body.bool("keepCollector", false));
        };
    }

    public JobRequest initialise(int siteId) {
        remoteSite(siteId, "siteId");
        return new JobRequest(Jobs.INITIALISE_SITE, JSON.createObjectBuilder().add("siteId", siteId).build(), siteId, null);
    }

    private JobRequest resendPatients(String storeId) {
        Store store = store(storeId);
        if (store.activeSiteId() == Site.CENTRAL) {
            throw new InvalidRequestException("store " + storeId + " is active on the central server: its patients are"
                    + " there already, there is no site to resend them to");
        }
        return new JobRequest(Jobs.RESEND_PATIENTS, JSON.createObjectBuilder().add("storeId", storeId).build(),
                store.activeSiteId(), null);
    }

    /**
     * The seed's first steps of a move: both sites fully synchronised (nothing queued for either, nothing of theirs
     * waiting to integrate), and a mobile target has no other active store. A store moves to the central only from a
     * collector copy: a transfer copy holds none of its data.
     */
    private JobRequest moveStore(String storeId, int toSiteId, boolean keepCollector) {
        Store store = store(storeId);
        Site target = site(toSiteId, "toSiteId");
        if (store.activeSiteId() == toSiteId) {
            throw new InvalidRequestException("store " + storeId + " is active on site " + toSiteId + " already");
        }
        List<Store> targetStores = target.type() == SiteType.MOBILE ? stores.activeOn(toSiteId) : List.of();
        if (!targetStores.isEmpty()) {
            throw new ConflictException("site " + toSiteId + " is a mobile site and store " + targetStores.get(0).id()
                    + " is already active on it; a mobile site has one active store");
        }
        if (toSiteId == Site.CENTRAL && stores.syncWith(store).get(Site.CENTRAL) != SyncWithType.ACTIVE_COLLECTOR) {
            throw new ConflictException("the central holds only a transfer copy of store " + storeId + ", none of its"
                    + " data: make its copy there a collector and let site " + store.activeSiteId() + " sync first");
        }
        for (int siteId : new int[]{store.activeSiteId(), toSiteId}) {
            refuseUnsynchronised(siteId, storeId);
        }
        return new JobRequest(Jobs.MOVE_STORE, JSON.createObjectBuilder().add("storeId", storeId)
                .add("toSiteId", toSiteId).add("keepCollector", keepCollector).build(), toSiteId, store.activeSiteId());
    }

    /** The central has no queue and integrates what it is given at once. */
    private void refuseUnsynchronised(int siteId, String storeId) {
        if (siteId == Site.CENTRAL) {
            return;
        }
        long queued = queue.length(siteId);
        if (queued > 0) {
            throw new ConflictException("site " + siteId + " has " + queued + " records queued: let it pull them"
                    + " before store " + storeId + " moves");
        }
        if (pushes.integrating(siteId)) {
            throw new ConflictException("site " + siteId + " has pushed records still integrating: wait until its"
                    + " status is idle before store " + storeId + " moves");
        }
    }

    private Site remoteSite(int siteId, String parameter) {
        Site site = site(siteId, parameter);
        if (site.isCentral()) {
            throw new InvalidRequestException(parameter + " " + siteId + " is the central server, not a remote site");
        }
        return site;
    }

    private Site site(int siteId, String parameter) {
        Site site;
        try {
            site = sites.find(siteId);
        } catch (UnknownResourceException e) {
            throw new InvalidRequestException(parameter + ": there is no site " + siteId);
        }
        if (site.isRetired()) {
            throw new ConflictException(parameter + ": site " + siteId + " is retired, it syncs no more");
        }
        return site;
    }

    private Store store(String storeId) {
        try {
            return stores.find(storeId);
        } catch (UnknownResourceException e) {
            throw new InvalidRequestException("storeId: there is no store " + storeId);
        }
    }
}
