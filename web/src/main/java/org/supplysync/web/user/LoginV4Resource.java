package org.supplysync.web.user;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.supplysync.platform.InvalidRequestException;
import org.supplysync.platform.JsonBody;
import org.supplysync.user.boundary.LoginOutcome;
import org.supplysync.user.boundary.Logins;
import org.supplysync.user.control.LoginAnswer;
import org.supplysync.web.platform.ErrorResponses;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /api/v4/login} as Open mSupply calls it when a user logs in on a remote site (msupply-sync-v5.md §1.11,
 * {@code apis/login_v4.rs}): no HTTP authentication, the user's credentials are in the body,
 * {@code {"username", "password", "loginType": "User", "siteName"}}. 200 with the user and its stores on that site;
 * 401 for wrong credentials of any kind; 403 {@code {"status": "user_login_timeout", "timeoutRemaining": ms}} while
 * failed logins lock the name.
 */
@Path("api/v4/login")
@Produces(MediaType.APPLICATION_JSON)
public class LoginV4Resource {

    @Inject
    Logins logins;

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response login(JsonBody body) {
        String username = body.text("username");
        String password = body.text("password");
        Optional<String> loginType = body.optionalText("loginType");
        if (loginType.isPresent() && !loginType.get().toLowerCase(Locale.ROOT).equals("user")) {
            throw new InvalidRequestException("loginType must be \"User\": the central logs in users only");
        }
        LoginOutcome outcome = logins.login(username, password, body.optionalText("siteName").filter(name -> !name.isBlank()));
        if (outcome instanceof LoginOutcome.LoggedIn in) {
            return Response.ok(LoginAnswer.success(in.user(), in.stores(), in.storeName(), in.service())).build();
        }
        if (outcome instanceof LoginOutcome.Blocked blocked) {
            return Response.status(403).entity(LoginAnswer.blocked(blocked.remainingMillis())).build();
        }
        return ErrorResponses.v4(401, "invalid_credentials", "the user name or the password is not valid");
    }
}
