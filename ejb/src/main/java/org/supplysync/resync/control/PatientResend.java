package org.supplysync.resync.control;

import jakarta.json.JsonObject;
import org.supplysync.datatype.entity.DataType;
import org.supplysync.datatype.entity.DataTypeKind;
import org.supplysync.platform.Jsons;
import org.supplysync.platform.Sql;
import org.supplysync.routing.control.RoutingFacts;
import org.supplysync.routing.control.RoutingPolicy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * What resend-patients sends (the seed's "Resync patient records when store is saved"), decided from the registry:
 * the data of every patient and prescriber visible in the store, where the routing rules send it to the store's site
 * at all, and the central dispensary reference data, which sites otherwise read through the central change log.
 */
public final class PatientResend {

    /** No site pushed it: routing leaves nothing out because it came from there. */
    private static final int NO_ORIGIN = 0;

    private PatientResend() {
    }

    /**
     * Reference data, and the data of the patients and prescribers visible in the store: through the visibility index
     * ({@code name_store_join}), or placed in the store by a join of their own ({@link #storeJoins}), as read first.
     */
    public static Query candidates(Collection<DataType> registry, String storeId, Collection<String> placed) {
        // In the order of the condition's placeholders: the reference tables, the store, the placed.
        List<Object> parameters = new ArrayList<>(referenceTables(registry));
        int tables = parameters.size();
        parameters.add(storeId);
        parameters.addAll(placed.stream().sorted().toList());
        return new Query("(" + (tables == 0 ? "false" : "table_name in (" + Sql.placeholders(tables) + ")")
                + " or patient_id in (select v.name_id from name_visibility v where v.store_id = ?)"
                + (placed.isEmpty() ? "" : " or patient_id in (" + Sql.placeholders(placed.size()) + ")") + ")",
                parameters);
    }

    /**
     * Who a join places in the store: the ids its records of the store name, as a query on {@code sync_record}
     * (the store's joins are few; read once, they keep the scan's condition free of a subquery per row).
     */
    public static Query placedBy(DataType join, String storeId) {
        return new Query("select json_value(data, ?) from sync_record where table_name = ? and held and not deleted"
                + " and json_value(data, ?) = ?", List.of(path(join.patientField()), join.tableName(),
                path(join.storeField()), storeId));
    }

    /** Central data only sites with an active dispensary store receive: abbreviations, directions, insurance providers. */
    public static List<String> referenceTables(Collection<DataType> registry) {
        return registry.stream().filter(type -> type.type() == DataTypeKind.CENTRAL && type.isDispensaryOnly())
                .map(DataType::tableName).sorted().toList();
    }

    /**
     * Patient data that places its patient or prescriber in the store it names: a join of a patient table with a
     * store field and a patient field, not a patient itself (a prescriber's {@code clinician_store_join}).
     */
    public static List<DataType> storeJoins(Collection<DataType> registry) {
        return registry.stream().filter(type -> type.type() == DataTypeKind.PATIENT && !type.canBePatient()
                        && type.storeField() != null && type.patientField() != null)
                .sorted(Comparator.comparing(DataType::tableName)).toList();
    }

    /**
     * Whether a candidate goes to the site: reference data always (on purpose, through the queue); a patient's or
     * prescriber's data only where the routing rules would send it, so a resend never reaches a site the intake would not.
     */
    public static boolean wants(int siteId, DataType type, JsonObject data, String storeId, String patientId,
                                RoutingFacts routing) {
        if (patientId == null) {
            return type.type() == DataTypeKind.CENTRAL && type.isDispensaryOnly();
        }
        return RoutingPolicy.route(type, data, storeId, patientId, NO_ORIGIN, routing).sites().contains(siteId);
    }

    /** A JSON path to a top-level field, whatever its name holds. */
    private static String path(String field) {
        return "$." + Jsons.quoted(field);
    }
}
