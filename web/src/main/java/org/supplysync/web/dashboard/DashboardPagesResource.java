package org.supplysync.web.dashboard;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.supplysync.web.platform.Problems;

import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Serves the dashboard's static files from the WAR's {@code /dashboard/} folder. The REST application owns every path
 * of the context root ({@code @ApplicationPath("/")}), so the container's own file serving never sees these requests.
 * The files are open to anyone, as a login page must be; every figure they show comes from the admin API, which asks
 * for the administrator's credentials itself.
 */
@Path("dashboard")
public class DashboardPagesResource {

    /** Folders and file names of the dashboard, never "..": nothing outside the folder can be asked for. */
    private static final Pattern FILE = Pattern.compile("([a-z0-9-]+/)*[A-Za-z0-9-]+(\\.[a-z0-9]+)*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "png", "image/png",
            "svg", "image/svg+xml");
    /** Scripts and styles only from here; ECharts sets inline styles on the elements it draws. */
    private static final String POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
            + " frame-ancestors 'none'";

    @Context
    ServletContext servletContext;

    /** The first page; asked for without the folder's slash, a redirect, since the pages' relative links need it. */
    @GET
    @Operation(hidden = true)
    public Response index(@Context UriInfo uri) {
        if (!uri.getPath().endsWith("/")) {
            return Response.seeOther(uri.getBaseUriBuilder().path("dashboard/").build()).build();
        }
        return file("index.html");
    }

    @GET
    @Path("{file: .+}")
    @Operation(hidden = true)
    public Response file(@PathParam("file") String file) {
        InputStream content = FILE.matcher(file).matches() ? servletContext.getResourceAsStream("/dashboard/" + file) : null;
        if (content == null) {
            return Problems.response(404, "Not Found", "the dashboard has no file " + file);
        }
        String extension = file.substring(file.lastIndexOf('.') + 1);
        return Response.ok(content, TYPES.getOrDefault(extension, "text/plain; charset=utf-8"))
                .header("Cache-Control", "no-cache")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", POLICY)
                .build();
    }
}
