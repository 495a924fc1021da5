package org.supplysync.web.security;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;

/**
 * A caller's HTTP Basic name and password, with what else decides whose they can be: whether the call is to an API of
 * the remote sites (the sync API, the v4 calls, the v6 answers) or to the admin API, and the device a site calls from.
 * A site's credentials count only on the sites' APIs and an administrator's only on the admin API, so that a name
 * shared by a site and an administrator never mixes their passwords or their failure counts.
 */
public class PresentedCredential extends UsernamePasswordCredential {

    private final boolean siteApi;
    private final String hardwareId;
    private String boundDevice;

    public PresentedCredential(String caller, String password, boolean siteApi, String hardwareId) {
        super(caller, password);
        this.siteApi = siteApi;
        this.hardwareId = hardwareId;
    }

    /** Whether the call is to an API of the remote sites. */
    public boolean siteApi() {
        return siteApi;
    }

    /** The {@code msupply-site-uuid} header: the device a site calls from; null when absent. */
    public String hardwareId() {
        return hardwareId;
    }

    /**
     * The device the identity store found these credentials' site bound to (null: none, or not a site's), noted on
     * the credential by the store for the sync API's filter: a call from that device needs no second look at the site
     * in a transaction of its own; any other call (first use, another device) still gets one.
     */
    public String boundDevice() {
        return boundDevice;
    }

    void boundDevice(String hardwareId) {
        this.boundDevice = hardwareId;
    }
}
