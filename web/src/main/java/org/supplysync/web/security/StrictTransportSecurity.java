package org.supplysync.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;

/**
 * Puts {@code Strict-Transport-Security} on every answer of the application served over HTTPS, as {@link HstsPolicy}
 * decides (settings {@code supplysync.security.hsts.*} and {@code supplysync.security.trusted-proxies}). Set before
 * the rest of the chain runs, so that error answers carry it too.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class StrictTransportSecurity extends HttpFilter {

    private transient HstsPolicy policy;

    @Override
    public void init() {
        Config config = ConfigProvider.getConfig();
        policy = HstsPolicy.of(
                config.getOptionalValue("supplysync.security.hsts.enabled", Boolean.class).orElse(true),
                config.getOptionalValue("supplysync.security.hsts.max-age-seconds", Long.class).orElse(31_536_000L),
                config.getOptionalValue("supplysync.security.trusted-proxies", String.class).orElse(""));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        policy.header(request.isSecure(), request.getRemoteAddr(), request.getHeader("X-Forwarded-Proto"))
                .ifPresent(value -> response.setHeader("Strict-Transport-Security", value));
        chain.doFilter(request, response);
    }
}
