package org.supplysync.web.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A request whose Content-Type cannot be parsed ({@code text/}, {@code a/b/c}) is a 400 in the shape of its API. Jersey
 * parses that header before any of the application's filters or mappers run, and answers an unparsable one with the
 * servlet container's HTML error page; so the check runs before Jersey, as a servlet filter. It supports asynchronous
 * requests: {@code POST /sync/v5/initialise} suspends its own, which fails with a 500 behind a filter that does not.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class UnparsableContentType extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !parses(contentType)) {
            String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
            Response error = ErrorResponses.of(path, 400, "Bad Request", "invalid_request",
                    "the Content-Type header cannot be parsed");
            response.setStatus(error.getStatus());
            response.setContentType(error.getMediaType().toString());
            response.getOutputStream().write(((String) error.getEntity()).getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether Jersey's own parser (behind {@link MediaType#valueOf}) takes the value, a quality value in it included. */
    private static boolean parses(String contentType) {
        try {
            return UnparsableHeaders.hasReadableQuality(MediaType.valueOf(contentType));
        } catch (RuntimeException unparsable) {
            return false;
        }
    }
}
