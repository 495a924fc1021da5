package org.supplysync.user.control;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.record.boundary.KeptForCentral;
import org.supplysync.user.entity.UserAccount;
import org.supplysync.user.entity.UserDetails;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.logging.Logger;

import static org.supplysync.platform.Jsons.JSON;

/**
 * The users sites push (the seed's "New users"): the central keeps each as an account, in the transaction that
 * integrates its {@code user} record, so that an administrator sees it and can give it a password and stores. Nothing
 * a site pushes changes what a login depends on: a pushed user has no password (passwords never sync), and a row
 * pushed again changes only its description, and only of a user a site made.
 */
@Dependent
public class PushedUsers {

    static final String TABLE = "user";

    private static final Logger LOG = Logger.getLogger(PushedUsers.class.getName());

    @PersistenceContext
    EntityManager em;

    void kept(@Observes KeptForCentral kept) {
        if (!TABLE.equals(kept.tableName())) {
            return;
        }
        JsonObject row = withoutSecrets(kept.data());
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        UserAccount known = em.find(UserAccount.class, kept.recordId());
        if (known != null) {
            known.pushedAgain(details(row), kept.siteId(), row.toString(), now);
            return;
        }
        String name = text(row, "name", UserAccount.MAX_NAME);
        if (name == null || !em.createNamedQuery(UserAccount.BY_NAME, UserAccount.class).setParameter("name", name)
                .getResultList().isEmpty()) {
            // Kept in the central copy all the same; an account needs a name of its own.
            LOG.info(() -> "user " + kept.recordId() + " pushed by site " + kept.siteId() + " has "
                    + (name == null ? "no usable name" : "the name of another user") + ": no account made for it");
            return;
        }
        em.persist(UserAccount.pushed(kept.recordId(), name, details(row), row.get("active") != JsonValue.FALSE,
                kept.siteId(), row.toString(), now));
    }

    /**
     * The row without any field that may hold a password or its hash: passwords never sync, but an older site's row
     * may carry one, and what is kept here is shown to administrators.
     */
    static JsonObject withoutSecrets(JsonObject row) {
        JsonObjectBuilder kept = JSON.createObjectBuilder();
        row.forEach((field, value) -> {
            if (!field.toLowerCase(Locale.ROOT).contains("pass")) {
                kept.add(field, value);
            }
        });
        return kept.build();
    }

    /** The row's description, as Open mSupply reads a user row (translations/user.rs). */
    static UserDetails details(JsonObject row) {
        return new UserDetails(text(row, "first_name", UserAccount.MAX_TEXT), text(row, "last_name", UserAccount.MAX_TEXT),
                text(row, "e_mail", UserAccount.MAX_TEXT), text(row, "job_title", UserAccount.MAX_TEXT));
    }

    /** A text field, or null when it is missing, empty (mSupply's "none") or longer than its column. */
    private static String text(JsonObject row, String field, int maxLength) {
        if (row.get(field) instanceof JsonString text && !text.getString().isBlank()
                && text.getString().codePointCount(0, text.getString().length()) <= maxLength) {
            return text.getString();
        }
        return null;
    }
}
