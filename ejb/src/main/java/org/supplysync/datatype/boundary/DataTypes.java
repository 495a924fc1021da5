package org.supplysync.datatype.boundary;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.datatype.entity.DataType;

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
}
