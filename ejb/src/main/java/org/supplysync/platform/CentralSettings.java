package org.supplysync.platform;

import jakarta.persistence.EntityManager;

import java.util.List;

/** Settings an administrator changes at run time, one row each in {@code central_setting} (V10). */
public final class CentralSettings {

    /** On: purchase orders are edited on the primary only, and it keeps their received quantities (seed). */
    public static final String CENTRALISED_PROCUREMENT = "centralised-procurement";

    private CentralSettings() {
    }

    public static boolean isOn(EntityManager em, String name) {
        List<?> values = em.createNativeQuery("select value from central_setting where name = ?")
                .setParameter(1, name).getResultList();
        return !values.isEmpty() && Boolean.parseBoolean((String) values.get(0));
    }

    public static void set(EntityManager em, String name, boolean on) {
        em.createNativeQuery("insert into central_setting (name, value) values (?, ?)"
                        + " on duplicate key update value = values(value)")
                .setParameter(1, name).setParameter(2, Boolean.toString(on)).executeUpdate();
    }
}
