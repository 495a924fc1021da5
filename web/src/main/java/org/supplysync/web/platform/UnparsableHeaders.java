package org.supplysync.web.platform;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A request whose Accept or language headers cannot be parsed ({@code Accept: a/b/c}) is a 400 in the shape of its API.
 * Left to Jersey, it fails while the request is matched to a resource, where no exception mapper applies: Jersey answers
 * an empty 400 that the servlet container turns into its HTML error page. (Content-Type fails earlier still: see
 * {@link UnparsableContentType}.)
 */
@Provider
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public class UnparsableHeaders implements ContainerRequestFilter {

    /** A quality value as RFC 9110 writes it (section 12.4.2), the only kind Jersey reads. */
    private static final Pattern QUALITY = Pattern.compile("0(\\.\\d{0,3})?|1(\\.0{0,3})?");

    /** The headers Jersey parses on its own while it matches a request, each with the parse it does. */
    private static final List<Map.Entry<String, Consumer<ContainerRequestContext>>> PARSED = List.of(
            Map.entry(HttpHeaders.ACCEPT, UnparsableHeaders::acceptableMediaTypes),
            Map.entry(HttpHeaders.CONTENT_LANGUAGE, ContainerRequestContext::getLanguage),
            Map.entry(HttpHeaders.ACCEPT_LANGUAGE, ContainerRequestContext::getAcceptableLanguages));

    @Override
    public void filter(ContainerRequestContext request) {
        for (Map.Entry<String, Consumer<ContainerRequestContext>> header : PARSED) {
            if (!parses(request, header.getKey(), header.getValue())) {
                return;
            }
        }
    }

    /**
     * Accept as Jersey reads it, quality values included: it reads those only when it selects a method, and there an
     * unparsable one ({@code q=x}) fails as a 500.
     */
    private static void acceptableMediaTypes(ContainerRequestContext request) {
        for (MediaType type : request.getAcceptableMediaTypes()) {
            if (!hasReadableQuality(type)) {
                throw new IllegalArgumentException("quality value " + type.getParameters().get("q"));
            }
        }
    }

    /** Whether the media type has no quality value, or one Jersey reads (it reads one even on a Content-Type). */
    static boolean hasReadableQuality(MediaType type) {
        String quality = type.getParameters().get("q");
        return quality == null || QUALITY.matcher(quality).matches();
    }

    /** Parses the header as Jersey will; when it cannot, aborts the request with a 400 naming the header. */
    private static boolean parses(ContainerRequestContext request, String header, Consumer<ContainerRequestContext> parse) {
        if (request.getHeaderString(header) == null) {
            return true;
        }
        try {
            parse.accept(request);
            return true;
        } catch (RuntimeException unparsable) {
            // The parser's message names its own classes; the header's name is what the caller needs.
            request.abortWith(ErrorResponses.of(request.getUriInfo(), 400, "Bad Request", "invalid_request",
                    "the " + header + " header cannot be parsed"));
            return false;
        }
    }
}
