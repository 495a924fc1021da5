package org.supplysync.client.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The shapes of the records a remote site makes (msupply-sync-v5.md part 3), every required field present, as the
 * simulator and the benchmark push them. Values come from the caller; only fields a site leaves empty are fixed here.
 */
public final class SiteRecords {

    public static final ObjectMapper JSON = new ObjectMapper();

    private SiteRecords() {
    }

    /** §3.7 {@code Location}. */
    public static ObjectNode location(String id, String storeId, String code, String description, int volume) {
        return row(id).put("Description", description).put("code", code).put("hold", false).put("store_ID", storeId)
                .put("type_ID", "").put("Volume", volume);
    }

    /** {@code item_line}: a batch of stock of an item in a store, from a supplier. */
    public static ObjectNode itemLine(String id, String storeId, String itemId, String batch, String expiry,
                                      String locationId, int packSize, int packs, double costPrice, double sellPrice,
                                      String note, String supplierNameId) {
        return row(id).put("store_ID", storeId).put("item_ID", itemId).put("batch", batch).put("expiry_date", expiry)
                .put("hold", false).put("location_ID", locationId).put("pack_size", packSize).put("available", packs)
                .put("quantity", packs).put("cost_price", costPrice).put("sell_price", sellPrice).put("note", note)
                .put("name_ID", supplierNameId).put("barcodeID", "").put("vvm_status_id", "").put("total_volume", 0)
                .put("volume_per_pack", 0);
    }

    /** {@code transact}, new ({@code nw}): type {@code ci} (customer invoice) or {@code si} (supplier invoice). */
    public static ObjectNode transact(String id, String storeId, String nameId, int invoiceNum, String type,
                                      String comment, String entryDate, int entryTime) {
        return row(id).put("store_ID", storeId).put("name_ID", nameId).put("invoice_num", invoiceNum)
                .put("type", type).put("status", "nw").put("mode", "store").put("user_ID", "").put("hold", false)
                .put("comment", comment).put("their_ref", "").put("prescriber_ID", "")
                .put("currency_ID", "").put("currency_rate", 1).put("goods_received_ID", "").put("original_PO_ID", "")
                .put("requisition_ID", "").put("linked_transaction_id", "").put("nameInsuranceJoinID", "")
                .put("donor_default_id", "").put("insuranceDiscountAmount", 0).put("insuranceDiscountRate", 0)
                .put("entry_date", entryDate).put("entry_time", entryTime)
                .put("confirm_date", "0000-00-00").put("confirm_time", 0)
                .put("finalised_date", "0000-00-00").put("finalised_time", 0);
    }

    /** {@code trans_line} of an invoice: type {@code stock_out} or {@code stock_in}. */
    public static ObjectNode transLine(String id, String invoiceId, String itemId, String batch, String type,
                                       int quantity) {
        return row(id).put("transaction_ID", invoiceId).put("item_ID", itemId).put("item_name", "item " + itemId)
                .put("item_line_ID", "").put("location_ID", "").put("batch", batch)
                .put("expiry_date", "2029-01-31").put("pack_size", 1).put("cost_price", 2.5).put("sell_price", 4.25)
                .put("type", type).put("quantity", quantity).put("note", "").put("optionID", "")
                .put("linked_transact_id", "").put("donor_id", "").put("vaccine_vial_monitor_status_ID", "")
                .put("volume_per_pack", 0);
    }

    /** §3.11 {@code requisition}: a request (draft, {@code sg}) to the supplying store named {@code supplierNameId}. */
    public static ObjectNode request(String id, String storeId, String supplierNameId, int serialNumber, String date,
                                     long modifiedAt) {
        return row(id).put("serial_number", serialNumber).put("store_ID", storeId).put("name_ID", supplierNameId)
                .put("type", "request").put("status", "sg").put("user_ID", "").put("date_entered", date)
                .put("lastModifiedAt", modifiedAt).put("requester_reference", "").put("linked_requisition_id", "")
                .put("thresholdMOS", 1).put("daysToSupply", 90).put("comment", "").put("authorisationStatus", "")
                .put("orderType", "").put("periodID", "").put("programID", "");
    }

    /** §3.12 {@code requisition_line}: {@code requested} units of an item asked for. */
    public static ObjectNode requestLine(String id, String requisitionId, String itemId, int requested) {
        ObjectNode line = row(id).put("requisition_ID", requisitionId).put("item_ID", itemId)
                .put("itemName", "item " + itemId).put("Cust_stock_order", requested).put("authoriser_comment", "")
                .put("comment", "").put("om_snapshot_datetime", "").put("optionID", "");
        for (String number : new String[]{"suggested_quantity", "actualQuan", "stock_on_hand", "daily_usage",
                "approved_quantity", "Cust_prev_stock_balance", "Cust_stock_received", "Cust_stock_issued", "stockLosses",
                "stockAdditions", "stockExpiring", "days_out_or_new_demand", "Cust_loss_adjust"}) {
            line.put(number, 0);
        }
        return line;
    }

    /** §3.16 {@code Stock_take}, new ({@code sg}). */
    public static ObjectNode stockTake(String id, String storeId, int serialNumber, String description, String date,
                                       int time) {
        return row(id).put("created_by_ID", "").put("status", "sg").put("Description", description)
                .put("comment", "").put("Locked", false).put("invad_additions_ID", "").put("invad_reductions_ID", "")
                .put("serial_number", serialNumber).put("stock_take_created_date", date)
                .put("stock_take_time", time).put("stock_take_date", date).put("store_ID", storeId);
    }

    /** §3.16 {@code Stock_take_lines}: one counted stock line ({@code location_id} and {@code Batch} as spelled there). */
    public static ObjectNode stockTakeLine(String id, String stockTakeId, String itemLineId, String itemId,
                                           String batch, int snapshotPacks, int countedPacks) {
        return row(id).put("stock_take_ID", stockTakeId).put("location_id", "").put("comment", "")
                .put("snapshot_qty", snapshotPacks).put("snapshot_packsize", 1).put("stock_take_qty", countedPacks)
                .put("is_edited", countedPacks != snapshotPacks).put("item_line_ID", itemLineId).put("item_ID", itemId)
                .put("item_name", "item " + itemId).put("Batch", batch).put("expiry", "2029-01-31")
                .put("cost_price", 2.5).put("sell_price", 4.25).put("optionID", "")
                .put("vaccine_vial_monitor_status_ID", "").put("volume_per_pack", 0);
    }

    /** A patient ({@code name} of type patient) whose home store is {@code storeId}. */
    public static ObjectNode patient(String id, String storeId) {
        return row(id).put("name", "Patient " + id).put("code", id).put("type", "patient").put("customer", true)
                .put("supplier", false).put("supplying_store_id", storeId).put("first", "Pat").put("last", id)
                .put("female", true).put("date_of_birth", "1990-01-01").put("phone", "").put("comment", "")
                .put("email", "").put("isDeceased", false).put("national_health_number", "")
                .put("created_date", "2026-03-01");
    }

    /** §3.9 {@code transact}: a prescription ({@code ci} in mode {@code dispensary}) for a patient, new ({@code nw}). */
    public static ObjectNode prescription(String id, String storeId, String patientId, String prescriberId,
                                          int invoiceNum, String comment, String entryDate, int entryTime) {
        return transact(id, storeId, patientId, invoiceNum, "ci", comment, entryDate, entryTime)
                .put("mode", "dispensary").put("prescriber_ID", prescriberId);
    }

    /** §3.21 {@code nameInsuranceJoin}: a patient's insurance policy. */
    public static ObjectNode policy(String id, String patientId, String providerId, String policyNumber) {
        return row(id).put("nameID", patientId).put("insuranceProviderID", providerId).put("discountRate", 10)
                .put("enteredByID", "").put("expiryDate", "2027-12-31").put("isActive", true)
                .put("policyNumberFamily", "").put("policyNumberFull", policyNumber).put("policyNumberPerson", policyNumber)
                .put("type", "personal");
    }

    /** {@code om_document}: a patient's document (an encounter), owned by the patient. */
    public static ObjectNode document(String id, String patientId, String name, String datetime) {
        ObjectNode document = row(id).put("name", name).put("parent_IDs", "[]").put("user_ID", "")
                .put("datetime", datetime).put("type", "Encounter").put("form_schema_ID", "").put("status", "ACTIVE")
                .put("owner_name_ID", patientId).put("context_ID", "");
        document.putObject("data").put("note", name);
        return document;
    }

    /** §3.19 {@code clinician}: a prescriber whose home store is {@code storeId}. */
    public static ObjectNode prescriber(String id, String storeId, String lastName) {
        return row(id).put("code", id).put("last_name", lastName).put("initials", "DR").put("first_name", "Doctor")
                .put("address1", "").put("address2", "").put("phone", "").put("mobile", "").put("email", "")
                .put("female", false).put("active", true).put("store_ID", storeId);
    }

    /** §3.19 {@code clinician_store_join}: the prescriber placed in the store. */
    public static ObjectNode placement(String id, String prescriberId, String storeId) {
        return row(id).put("store_ID", storeId).put("prescriber_ID", prescriberId);
    }

    /** {@code name_store_join}: the name visible (or not) in the store. */
    public static ObjectNode visibility(String id, String nameId, String storeId, boolean active) {
        return row(id).put("name_ID", nameId).put("store_ID", storeId).put("inactive", !active);
    }

    private static ObjectNode row(String id) {
        return JSON.createObjectNode().put("ID", id);
    }
}
