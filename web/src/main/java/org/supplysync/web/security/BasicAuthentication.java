package org.supplysync.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP Basic for administrators and remote sites alike. Valid credentials log the caller in with its groups
 * (which are its roles); missing or wrong ones leave the request anonymous, and the endpoint's own check answers
 * in its own error shape (problem details on /api, the v5 error body on /sync), never the container's HTML page.
 */
@ApplicationScoped
public class BasicAuthentication implements HttpAuthenticationMechanism {

    @Inject
    IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        return BasicCredentials.from(request.getHeader("Authorization"))
                .map(credentials -> identityStores.validate(
                        new UsernamePasswordCredential(credentials.username(), credentials.password())))
                .filter(result -> result.getStatus() == CredentialValidationResult.Status.VALID)
                .map(context::notifyContainerAboutLogin)
                .orElseGet(context::doNothing);
    }

    /** The user name and password of an {@code Authorization: Basic} header. */
    public record BasicCredentials(String username, String password) {

        public static java.util.Optional<BasicCredentials> from(String header) {
            if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
                return java.util.Optional.empty();
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return java.util.Optional.empty();
            }
            int colon = decoded.indexOf(':');
            return colon < 0 ? java.util.Optional.empty()
                    : java.util.Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
        }
    }
}
