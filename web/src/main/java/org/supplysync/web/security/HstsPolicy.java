package org.supplysync.web.security;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which answers tell browsers to come back over HTTPS only (HTTP Strict Transport Security): those served over HTTPS,
 * by this server's own listener or by a reverse proxy in front of it. A proxy is believed only when it is one of the
 * trusted addresses: anyone can send {@code X-Forwarded-Proto}. An answer over plain HTTP never carries the header
 * (browsers ignore it there, and the development server on loopback must stay reachable over HTTP).
 *
 * @param enabled        whether any answer carries it
 * @param maxAgeSeconds  how long a browser keeps to HTTPS after it saw the header
 * @param trustedProxies addresses of the reverse proxies whose {@code X-Forwarded-Proto} counts
 */
public record HstsPolicy(boolean enabled, long maxAgeSeconds, Set<String> trustedProxies) {

    /** The trusted proxies as the setting lists them: addresses separated by commas, blanks ignored. */
    public static HstsPolicy of(boolean enabled, long maxAgeSeconds, String trustedProxies) {
        return new HstsPolicy(enabled, maxAgeSeconds, Arrays.stream(trustedProxies.split(","))
                .map(String::trim).filter(address -> !address.isEmpty()).collect(Collectors.toUnmodifiableSet()));
    }

    /**
     * The header's value for an answer to this request, if it gets one.
     *
     * @param secure         whether the request came over HTTPS to this server
     * @param remoteAddress  the address the request came from
     * @param forwardedProto its {@code X-Forwarded-Proto}, or null; a chain of proxies lists the client's first
     */
    public Optional<String> header(boolean secure, String remoteAddress, String forwardedProto) {
        if (!enabled) {
            return Optional.empty();
        }
        boolean overHttps = secure || trustedProxies.contains(remoteAddress) && forwardedProto != null
                && forwardedProto.split(",")[0].trim().equalsIgnoreCase("https");
        return overHttps ? Optional.of("max-age=" + maxAgeSeconds) : Optional.empty();
    }
}
