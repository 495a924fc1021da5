package org.supplysync.web.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvTest {

    @Test
    void quotesOnlyFieldsThatNeedItAndEndsEveryRowWithCrLf() {
        String csv = new Csv("storeId", "storeName", "units")
                .row("S1", "North, main store", 12.0)
                .row("S2", "The \"old\" store", 0.5)
                .row("S3", "two\nlines", null)
                .toString();
        assertEquals("storeId,storeName,units\r\n"
                + "S1,\"North, main store\",12\r\n"
                + "S2,\"The \"\"old\"\" store\",0.5\r\n"
                + "S3,\"two\nlines\",\r\n", csv);
    }

    @Test
    void writesLargeAndSmallNumbersWithoutAnExponent() {
        assertEquals("12500000", Csv.field(1.25e7));
        assertEquals("0.0001", Csv.field(1e-4));
        assertEquals("-3", Csv.field(-3.0));
    }
}
