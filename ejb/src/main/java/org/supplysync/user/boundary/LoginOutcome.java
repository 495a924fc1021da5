package org.supplysync.user.boundary;

import org.supplysync.user.entity.StoreAccess;
import org.supplysync.user.entity.UserAccount;

import java.util.List;

/** How a login through {@code /api/v4/login} ended. */
public sealed interface LoginOutcome {

    /**
     * The password matched: the user, the stores the answer lists, the name of the store the user would log in to
     * ({@code storeName}) and the kind of site asking ({@code service}).
     */
    record LoggedIn(UserAccount user, List<StoreAccess> stores, String storeName, String service) implements LoginOutcome {
    }

    /** Unknown user, wrong password, inactive user or no password set: the same answer for all. */
    record Refused() implements LoginOutcome {
    }

    /** The name is locked after too many failures, for this many more milliseconds. */
    record Blocked(long remainingMillis) implements LoginOutcome {
    }
}
