package org.supplysync.batch.boundary;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.supplysync.batch.control.Jobs;
import org.supplysync.platform.InvalidRequestException;
import org.supplysync.platform.JsonBody;
import org.supplysync.platform.UnknownResourceException;
import org.supplysync.site.boundary.Sites;
import org.supplysync.site.entity.Site;
import org.supplysync.store.boundary.Stores;
import org.supplysync.store.entity.Store;

import java.util.Map;
import java.util.Set;

import static org.supplysync.platform.Jsons.JSON;

/**
 * Checks a job's parameters before anything starts (admin-api.md, "Jobs"): each job takes exactly its own, an unknown
 * site or store is a 400 naming it, and nothing is reserved or started for a request that fails here.
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

    private JobRequest moveStore(String storeId, int toSiteId, boolean keepCollector) {
        Store store = store(storeId);
        site(toSiteId, "toSiteId");
        if (store.activeSiteId() == toSiteId) {
            throw new InvalidRequestException("store " + storeId + " is active on site " + toSiteId + " already");
        }
        return new JobRequest(Jobs.MOVE_STORE, JSON.createObjectBuilder().add("storeId", storeId)
                .add("toSiteId", toSiteId).add("keepCollector", keepCollector).build(), toSiteId, store.activeSiteId());
    }

    private Site remoteSite(int siteId, String parameter) {
        Site site = site(siteId, parameter);
        if (site.isCentral()) {
            throw new InvalidRequestException(parameter + " " + siteId + " is the central server, not a remote site");
        }
        return site;
    }

    private Site site(int siteId, String parameter) {
        try {
            return sites.find(siteId);
        } catch (UnknownResourceException e) {
            throw new InvalidRequestException(parameter + ": there is no site " + siteId);
        }
    }

    private Store store(String storeId) {
        try {
            return stores.find(storeId);
        } catch (UnknownResourceException e) {
            throw new InvalidRequestException("storeId: there is no store " + storeId);
        }
    }
}
