package org.supplysync.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import org.supplysync.security.boundary.Credentials;

import java.util.Set;

/** Administrators of the admin API, by user name and password; their role is their one group. */
@ApplicationScoped
public class AdministratorIdentityStore implements IdentityStore {

    @Inject
    Credentials credentials;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof PresentedCredential login) || login.siteApi()) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return credentials.administrator(login.getCaller(), login.getPasswordAsString())
                .map(admin -> new CredentialValidationResult(admin.username(), Set.of(admin.role().label())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    @Override
    public int priority() {
        return 10;
    }
}
