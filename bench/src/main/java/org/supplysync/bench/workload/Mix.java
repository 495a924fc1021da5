package org.supplysync.bench.workload;

import java.util.Locale;

/** The tables a run pushes: {@code Location} only (the smallest store record), or what sites really push. */
public enum Mix {

    /** {@code Location} rows only: the figure of the earlier benchmark rows. */
    LOCATIONS("L"),
    /**
     * In every ten units of a store's work: four customer invoices ({@code transact} + three {@code trans_line}),
     * three stock lines ({@code item_line}), two locations and a stocktake ({@code Stock_take} + two
     * {@code Stock_take_lines}). Patients are not in it yet: a patient a site registers reaches no collector today.
     */
    REALISTIC("R"),
    /**
     * What the reports across stores count: in every two units of a store's work, five stock lines
     * ({@code item_line}) and a finalised invoice with five lines (customer invoices, prescriptions and customer
     * returns, over the twelve months of 2026): ten lines in eleven records.
     */
    REPORTS("P");

    private final String tag;

    Mix(String tag) {
        this.tag = tag;
    }

    /** Goes into the record ids, so that the mixes of one run never share a record. */
    public String tag() {
        return tag;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Mix parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
