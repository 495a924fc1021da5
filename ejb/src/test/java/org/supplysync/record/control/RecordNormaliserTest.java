package org.supplysync.record.control;

import jakarta.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.supplysync.datatype.entity.FieldType;
import org.supplysync.platform.Jsons;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.supplysync.datatype.entity.FieldType.DATE;
import static org.supplysync.datatype.entity.FieldType.NUMBER;
import static org.supplysync.datatype.entity.FieldType.TIME;

/**
 * Pushed rows as Open mSupply sends them and the rows every site must be able to pull (msupply-sync-v5.md §3.0,
 * traps 8 and 9). Field types as V5 gives them for transact, Stock_take_lines and purchase_order.
 */
class RecordNormaliserTest {

    private static final Map<String, FieldType> TRANSACT = Map.of("entry_date", DATE, "entry_time", TIME,
            "confirm_date", DATE, "insuranceDiscountAmount", NUMBER, "insuranceDiscountRate", NUMBER,
            "invoice_num", NUMBER, "currency_rate", NUMBER);
    // Open mSupply's only date field without "date" in its name.
    private static final Map<String, FieldType> STOCKTAKE_LINE = Map.of("expiry", DATE, "cost_price", NUMBER);
    private static final Map<String, FieldType> PURCHASE_ORDER = Map.of("curr_rate", NUMBER, "freight_charge", NUMBER,
            "serial_number", NUMBER, "creation_date", DATE);

    static Stream<Arguments> rows() {
        return Stream.of(
                arguments("trap 9: a date pushed at midnight is pulled without its time",
                        TRANSACT, "{'entry_date':'2026-11-30T00:00:00'}", "{'entry_date':'2026-11-30'}"),
                arguments("a date pushed with another time part keeps its day",
                        TRANSACT, "{'entry_date':'2026-11-30T13:04:06'}", "{'entry_date':'2026-11-30'}"),
                arguments("a date pushed with a space before its time (zero_date_as_option reads it) keeps its day",
                        TRANSACT, "{'confirm_date':'2026-11-30 00:00:00'}", "{'confirm_date':'2026-11-30'}"),
                arguments("an empty date is pushed as null and pulled as 0000-00-00",
                        TRANSACT, "{'confirm_date':null}", "{'confirm_date':'0000-00-00'}"),
                arguments("a date already in the pull shape stays, the empty one too",
                        TRANSACT, "{'entry_date':'2026-11-30','confirm_date':'0000-00-00'}",
                        "{'entry_date':'2026-11-30','confirm_date':'0000-00-00'}"),
                arguments("a typed date whose name has no 'date' in it is normalised by its type",
                        STOCKTAKE_LINE, "{'expiry':'2027-01-31T00:00:00','cost_price':1.5}",
                        "{'expiry':'2027-01-31','cost_price':1.5}"),
                arguments("a typed date whose name has no 'date' in it: null too",
                        STOCKTAKE_LINE, "{'expiry':null}", "{'expiry':'0000-00-00'}"),
                arguments("the same name untyped in another table stays as pushed: the type is per table",
                        TRANSACT, "{'expiry':null}", "{'expiry':null}"),
                arguments("an untyped field whose name contains 'date' stays as pushed, null included",
                        TRANSACT, "{'om_update_date':'2026-11-30T00:00:00','last_date_note':null,'om_created_datetime':'2026-11-30T13:04:06'}",
                        "{'om_update_date':'2026-11-30T00:00:00','last_date_note':null,'om_created_datetime':'2026-11-30T13:04:06'}"),
                arguments("trap 9: a time pushed as HH:MM:SS is pulled as seconds since midnight",
                        TRANSACT, "{'entry_time':'13:04:06'}", "{'entry_time':47046}"),
                arguments("a time pushed with a fraction of a second loses the fraction",
                        TRANSACT, "{'entry_time':'13:04:06.789'}", "{'entry_time':47046}"),
                arguments("a time already in seconds stays",
                        TRANSACT, "{'entry_time':47046}", "{'entry_time':47046}"),
                arguments("a null time is midnight, as the client reads anything it cannot parse",
                        TRANSACT, "{'entry_time':null}", "{'entry_time':0}"),
                arguments("an untyped field that looks like a time stays as pushed",
                        TRANSACT, "{'comment':'13:04:06','their_ref':'2026-11-30T00:00:00'}",
                        "{'comment':'13:04:06','their_ref':'2026-11-30T00:00:00'}"),
                arguments("trap 8: the insurance discounts are pushed as null and pulled as the integer 0",
                        TRANSACT, "{'insuranceDiscountAmount':null,'insuranceDiscountRate':null}",
                        "{'insuranceDiscountAmount':0,'insuranceDiscountRate':0}"),
                arguments("trap 8: null number fields of a purchase order are pulled as 0",
                        PURCHASE_ORDER, "{'curr_rate':null,'freight_charge':null,'serial_number':7}",
                        "{'curr_rate':0,'freight_charge':0,'serial_number':7}"),
                arguments("real numbers are left alone, 0 and decimals included",
                        TRANSACT, "{'insuranceDiscountRate':12.5,'insuranceDiscountAmount':0,'currency_rate':1.0}",
                        "{'insuranceDiscountRate':12.5,'insuranceDiscountAmount':0,'currency_rate':1.0}"),
                arguments("a value of a shape the type does not expect is not guessed at",
                        TRANSACT, "{'entry_date':'30/11/2026','entry_time':'1pm','invoice_num':'12'}",
                        "{'entry_date':'30/11/2026','entry_time':'1pm','invoice_num':'12'}"),
                arguments("a typed field the row does not carry is not added",
                        TRANSACT, "{'ID':'T1'}", "{'ID':'T1'}"),
                arguments("a table without typed fields passes through untouched",
                        Map.of(), "{'entry_date':'2026-11-30T00:00:00','entry_time':'13:04:06','amount':null}",
                        "{'entry_date':'2026-11-30T00:00:00','entry_time':'13:04:06','amount':null}"),
                arguments("field order and untyped fields are kept around the typed ones",
                        TRANSACT, "{'ID':'T1','entry_date':'2026-11-30T00:00:00','hold':false,'entry_time':'00:00:01','oms_fields':{'a':null}}",
                        "{'ID':'T1','entry_date':'2026-11-30','hold':false,'entry_time':1,'oms_fields':{'a':null}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void normalisesByFieldType(String trap, Map<String, FieldType> types, String pushed, String pulled) {
        JsonObject normalised = RecordNormaliser.normalise(json(pushed), types);
        // Compared as text: an integer 0 is not 0.0 to an i64 field, and the field order is kept.
        assertThat(normalised.toString()).as(trap).isEqualTo(json(pulled).toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void aRowInThePullShapeComesBackAsTheSameObjectSoItsTextIsKept(String trap, Map<String, FieldType> types,
                                                                  String pushed, String pulled) {
        JsonObject inShape = json(pulled);
        assertThat(RecordNormaliser.normalise(inShape, types)).as(trap).isSameAs(inShape);
        JsonObject asPushed = json(pushed);
        boolean changes = !asPushed.toString().equals(inShape.toString());
        assertThat(RecordNormaliser.normalise(asPushed, types) == asPushed).as(trap).isEqualTo(!changes);
    }

    private static JsonObject json(String singleQuoted) {
        return Jsons.parse(singleQuoted.replace('\'', '"'));
    }
}
