package org.supplysync.datatype.boundary;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.datatype.entity.DataType;
import org.supplysync.datatype.entity.FieldType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads the data-type registry. */
@Stateless
public class DataTypes {

    @PersistenceContext
    EntityManager em;

    public List<DataType> all() {
        return em.createNamedQuery(DataType.ALL, DataType.class).getResultList();
    }

    /** The registry by table name (table names are case-sensitive, as in mSupply). */
    public Map<String, DataType> byTableName() {
        return all().stream().collect(Collectors.toMap(DataType::tableName, Function.identity()));
    }

    /** The typed fields of every table, by table name then field name (both case-sensitive). */
    public Map<String, Map<String, FieldType>> fieldTypes() {
        Map<String, Map<String, FieldType>> types = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select table_name, field_name, field_type from data_type_field")
                .getResultList();
        for (Object[] row : rows) {
            types.computeIfAbsent((String) row[0], table -> new HashMap<>())
                    .put((String) row[1], FieldType.valueOf((String) row[2]));
        }
        return types;
    }
}
