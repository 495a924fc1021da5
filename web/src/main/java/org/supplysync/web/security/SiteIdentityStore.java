package org.supplysync.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import org.supplysync.security.boundary.Credentials;
import org.supplysync.web.platform.Roles;

import java.util.Set;

/**
 * Remote sites on the sites' APIs, by site name and the SHA-256 hex of the site password (as mSupply sites send it),
 * counted per device (the device binding itself is checked by the sync API's filter; the v4 calls name no device).
 */
@ApplicationScoped
public class SiteIdentityStore implements IdentityStore {

    @Inject
    Credentials credentials;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof PresentedCredential login) || !login.siteApi()) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return credentials.site(login.getCaller(), login.getPasswordAsString(), login.hardwareId())
                .map(site -> {
                    login.boundDevice(site.hardwareId());
                    // The site's id as the caller's unique id: the sync API's filter need not look the site up again.
                    return new CredentialValidationResult(null, site.name(), null, Integer.toString(site.id()),
                            Set.of(Roles.SITE));
                })
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    @Override
    public int priority() {
        return 20;
    }
}
