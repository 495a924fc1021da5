package org.supplysync.patient.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.supplysync.patient.control.PatientQuery;
import org.supplysync.platform.Audit;
import org.supplysync.site.entity.Site;

import java.util.List;
import java.util.StringJoiner;

import static org.supplysync.platform.Jsons.JSON;

/**
 * The patients the central holds, as a site searches them ({@code GET /api/v4/patient}). A search across sites is
 * access to patient data: each one is audited with the patients it returned, in the same transaction, and a site may
 * search only so often a minute (counted from those audit entries, so the limit holds across restarts and servers).
 */
@Stateless
public class PatientDirectory {

    static final String SEARCH = "patient.search";

    @PersistenceContext
    EntityManager em;

    @Inject
    Audit audit;

    @Inject
    @ConfigProperty(name = "supplysync.v4.patient-search.per-minute")
    int perMinute;

    public List<FoundPatient> search(int siteId, PatientQuery query) {
        Site site = em.find(Site.class, siteId);
        String who = who(siteId);
        refuseOverLimit(who);
        List<FoundPatient> found = query.findsNothing() ? List.of() : find(query);
        JsonArrayBuilder ids = JSON.createArrayBuilder();
        found.forEach(patient -> ids.add(patient.id()));
        JsonObjectBuilder asked = JSON.createObjectBuilder();
        StringJoiner target = new StringJoiner("&", "patients where ", "");
        query.asked().forEach((name, value) -> {
            asked.add(name, value);
            target.add(name + "=" + value);
        });
        audit.record(who, SEARCH, target.toString(), JSON.createObjectBuilder()
                .add("site", siteId).add("siteName", site.name()).add("query", asked).add("patients", ids)
                .build().toString());
        return found;
    }

    /** Who a site is in the audit. */
    static String who(int siteId) {
        return "site " + siteId;
    }

    private void refuseOverLimit(String who) {
        Object[] recent = (Object[]) em.createNativeQuery("""
                        select count(*), timestampdiff(microsecond, utc_timestamp(3), min(at) + interval 1 minute)
                        from audit where who = ? and action = ? and at > utc_timestamp(3) - interval 1 minute""")
                .setParameter(1, who).setParameter(2, SEARCH).getSingleResult();
        if (((Number) recent[0]).longValue() >= perMinute) {
            // When the oldest search of the last minute leaves it.
            long micros = recent[1] == null ? 0 : ((Number) recent[1]).longValue();
            throw new SearchLimitReached(perMinute, Math.max(1, (micros + 999_999) / 1_000_000));
        }
    }

    private List<FoundPatient> find(PatientQuery query) {
        PatientQuery.Where where = query.where();
        Query select = em.createNativeQuery("""
                select p.name_id, json_value(r.data, '$.name'), json_value(r.data, '$.phone'),
                    json_value(r.data, '$.email'), json_value(r.data, '$.code'), json_value(r.data, '$.last'),
                    json_value(r.data, '$.first'), p.date_of_birth
                from patient_search p join sync_record r on r.table_name = 'name' and r.record_id = p.name_id
                """ + "where " + where.sql() + " order by p.last_name, p.first_name, p.name_id limit ? offset ?");
        int position = 1;
        for (Object parameter : where.parameters()) {
            select.setParameter(position++, parameter);
        }
        select.setParameter(position++, query.limit()).setParameter(position, query.offset());
        List<Object[]> rows = select.getResultList();
        return rows.stream().map(row -> new FoundPatient((String) row[0], text(row[1]), text(row[2]), text(row[3]),
                text(row[4]), text(row[5]), text(row[6]), (String) row[7])).toList();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
