package org.supplysync.push.control;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.datatype.boundary.DataTypes;
import org.supplysync.datatype.entity.DataType;

/**
 * Puts a record a site once pushed back into that site's push buffer, in a closed session (0), and asks for its
 * integration: an administrator's retry or re-submission goes through every check a push goes through.
 */
@Dependent
public class Requeue {

    @PersistenceContext
    EntityManager em;

    @Inject
    DataTypes dataTypes;

    @Inject
    IntegrationRequests requests;

    public void requeue(int siteId, String tableName, String recordId, String action, String data) {
        DataType type = dataTypes.byTableName().get(tableName);
        em.createNativeQuery("""
                        insert into push_buffer (site_id, session, table_name, record_id, action, data, is_line)
                        values (?, 0, ?, ?, ?, ?, ?)
                        on duplicate key update action = values(action), data = values(data)""")
                .setParameter(1, siteId).setParameter(2, tableName).setParameter(3, recordId).setParameter(4, action)
                .setParameter(5, data == null ? "{}" : data).setParameter(6, type != null && type.isLine())
                .executeUpdate();
        requests.request(siteId);
    }
}
