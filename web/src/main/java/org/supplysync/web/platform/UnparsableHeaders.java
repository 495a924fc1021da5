package org.supplysync.web.platform;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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

    /** The headers Jersey parses on its own while it matches a request, each with the parse it does. */
    private static final List<Map.Entry<String, Consumer<ContainerRequestContext>>> PARSED = List.of(
            Map.entry(HttpHeaders.ACCEPT, ContainerRequestContext::getAcceptableMediaTypes),
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
