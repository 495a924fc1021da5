package org.supplysync.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import org.supplysync.security.boundary.Credentials;
import org.supplysync.web.platform.Roles;

import java.util.Set;

/** Administrators, by user name and password. */
@ApplicationScoped
public class AdministratorIdentityStore implements IdentityStore {

    @Inject
    Credentials credentials;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (credential instanceof UsernamePasswordCredential login
                && credentials.isAdministrator(login.getCaller(), login.getPasswordAsString())) {
            return new CredentialValidationResult(login.getCaller(), Set.of(Roles.ADMIN));
        }
        return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }

    @Override
    public int priority() {
        return 10;
    }
}
