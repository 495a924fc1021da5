package org.supplysync.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.supplysync.web.platform.Roles;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * HTTP Basic for administrators and remote sites alike: a site on the sites' APIs (/sync, /central, /api/v4), an
 * administrator on the admin API. Valid credentials log the caller in with its groups (which are its roles); missing,
 * wrong or locked ones leave the request anonymous, and the endpoint's own check answers in its own error shape
 * (problem details on /api, the v5 error body on /sync), never the container's HTML page.
 */
@ApplicationScoped
public class BasicAuthentication implements HttpAuthenticationMechanism {

    /** The header that names the device a site calls from (msupply-sync-v5.md §1.1). */
    public static final String HARDWARE_ID = "msupply-site-uuid";
    /** The request attribute that holds the id of the site whose credentials were valid (an Integer). */
    public static final String SITE_ID = "supplysync.authenticatedSiteId";
    /** The request attribute that holds the device that site was found bound to (absent: none). */
    public static final String BOUND_DEVICE = "supplysync.boundDevice";

    private static final List<String> SITE_APIS = List.of("/sync/", "/central/", "/api/v4/");

    @Inject
    IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        Optional<BasicCredentials> credentials = BasicCredentials.from(request.getHeader("Authorization"));
        if (credentials.isEmpty()) {
            return context.doNothing();
        }
        PresentedCredential presented = new PresentedCredential(credentials.get().username(),
                credentials.get().password(), isSiteApi(request), request.getHeader(HARDWARE_ID));
        CredentialValidationResult result = identityStores.validate(presented);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return context.doNothing();
        }
        if (result.getCallerGroups().contains(Roles.SITE) && result.getCallerUniqueId() != null) {
            request.setAttribute(SITE_ID, Integer.valueOf(result.getCallerUniqueId()));
            if (presented.boundDevice() != null) {
                request.setAttribute(BOUND_DEVICE, presented.boundDevice());
            }
        }
        return context.notifyContainerAboutLogin(result);
    }

    /** Whether the request is to an API of the remote sites (its path as the container decoded and normalised it). */
    static boolean isSiteApi(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return SITE_APIS.stream().anyMatch(path::startsWith);
    }

    /** The user name and password of an {@code Authorization: Basic} header. */
    public record BasicCredentials(String username, String password) {

        public static Optional<BasicCredentials> from(String header) {
            if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
                return Optional.empty();
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
        }
    }
}
