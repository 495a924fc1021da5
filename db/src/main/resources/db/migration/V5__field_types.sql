-- The types of the record fields whose pushed value differs from what a site must pull (msupply-sync-v5.md §3.0,
-- traps 8 and 9), so that pushed rows are normalised by type, not by guessing from field names.
--
-- Read from Open mSupply's own translations (msupply-foundation/open-msupply at aee2c85b, 2026-05-18:
-- server/service/src/sync/translations/*.rs, the Legacy*Row structs, with util/src/sync_serde.rs):
--   DATE   a NaiveDate or Option<NaiveDate> field. Pushed as "YYYY-MM-DDT00:00:00" where the struct serialises it
--          with date_to_isostring or date_option_to_isostring (most do), else as "YYYY-MM-DD"; null when empty.
--          Pulled as "YYYY-MM-DD", "0000-00-00" when empty (zero_date_as_option); the non-optional ones are parsed
--          strictly and accept "YYYY-MM-DD" only.
--   TIME   a NaiveTime field read with naive_time: pushed as "HH:MM:SS", pulled as integer seconds since midnight
--          (anything else silently becomes 00:00).
--   NUMBER a number the client cannot read as null: zero_f64_as_none (pushed as null when 0, read from numbers only)
--          and plain f64/i32/i64 fields. An Option<f64> without zero_f64_as_none reads null as "no value", so it is not
--          listed: 0 would mean something else there.
-- Only top-level fields: nested objects (oms_fields, pref's item) are passed through as they are. A table with no
-- rows here has no such field in Open mSupply's struct, or is not translated by Open mSupply at all.
-- Table names are the wire names, case-sensitive, as pushed; no foreign key to data_type, so that the order in which
-- tables are registered there never matters.
CREATE TABLE data_type_field (
    table_name VARCHAR(64) NOT NULL,
    field_name VARCHAR(64) NOT NULL,
    field_type VARCHAR(16) NOT NULL,
    PRIMARY KEY (table_name, field_name),
    CONSTRAINT ck_data_type_field_type CHECK (field_type IN ('DATE', 'TIME', 'NUMBER'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO data_type_field (table_name, field_name, field_type) VALUES
-- Central
-- item.rs LegacyItemRow
('item',                  'default_pack_size',             'NUMBER'),
('item',                  'doses',                         'NUMBER'),
('item',                  'volume_per_pack',               'NUMBER'),
-- category.rs LegacyItemCategoryRow
('item_category',         'sort_order',                    'NUMBER'),
-- unit.rs LegacyUnitRow
('unit',                  'order_number',                  'NUMBER'),
-- name.rs LegacyNameRow (patients are pushed by remote sites)
('name',                  'date_of_birth',                 'DATE'),
('name',                  'created_date',                  'DATE'),
('name',                  'om_date_of_death',              'DATE'),
-- location_type.rs LegacyLocationTypeRow: Open mSupply reads the table as "Location_type"; the registry spells it
-- "location_type", so these rows apply once the registry uses the wire name
('Location_type',         'Temperature_min',               'NUMBER'),
('Location_type',         'Temperature_max',               'NUMBER'),
-- item_direction.rs LegacyItemDirectionRow
('item_direction',        'priority',                      'NUMBER'),
-- currency.rs LegacyCurrencyRow
('currency',              'rate',                          'NUMBER'),
('currency',              'date_updated',                  'DATE'),
-- period.rs LegacyPeriodRow (strict dates)
('period',                'startDate',                     'DATE'),
('period',                'endDate',                       'DATE'),
-- user.rs LegacyUserTable
('user',                  'Language',                      'NUMBER'),
-- Central store
-- store.rs LegacyStoreRow
('store',                 'sync_id_remote_site',           'NUMBER'),
('store',                 'created_date',                  'DATE'),
-- item_store_join.rs LegacyItemStoreJoinRow
('item_store_join',       'default_price',                 'NUMBER'),
('item_store_join',       'margin',                        'NUMBER'),
-- Store
-- requisition.rs LegacyRequisitionRow (date_entered is strict)
('requisition',           'serial_number',                 'NUMBER'),
('requisition',           'date_entered',                  'DATE'),
('requisition',           'lastModifiedAt',                'NUMBER'),
('requisition',           'thresholdMOS',                  'NUMBER'),
('requisition',           'daysToSupply',                  'NUMBER'),
('requisition',           'om_expected_delivery_date',     'DATE'),
-- requisition_line.rs LegacyRequisitionLineRow
('requisition_line',      'Cust_stock_order',              'NUMBER'),
('requisition_line',      'suggested_quantity',            'NUMBER'),
('requisition_line',      'actualQuan',                    'NUMBER'),
('requisition_line',      'stock_on_hand',                 'NUMBER'),
('requisition_line',      'daily_usage',                   'NUMBER'),
('requisition_line',      'approved_quantity',             'NUMBER'),
('requisition_line',      'Cust_prev_stock_balance',       'NUMBER'),
('requisition_line',      'Cust_stock_received',           'NUMBER'),
('requisition_line',      'Cust_stock_issued',             'NUMBER'),
('requisition_line',      'stockLosses',                   'NUMBER'),
('requisition_line',      'stockAdditions',                'NUMBER'),
('requisition_line',      'stockExpiring',                 'NUMBER'),
('requisition_line',      'days_out_or_new_demand',        'NUMBER'),
('requisition_line',      'Cust_loss_adjust',              'NUMBER'),
-- location.rs LegacyLocationRow
('Location',              'Volume',                        'NUMBER'),
-- location_movement.rs LegacyLocationMovementRow
('location_movement',     'enter_date',                    'DATE'),
('location_movement',     'enter_time',                    'TIME'),
('location_movement',     'exit_date',                     'DATE'),
('location_movement',     'exit_time',                     'TIME'),
-- stock_line.rs LegacyStockLineRow
('item_line',             'expiry_date',                   'DATE'),
('item_line',             'pack_size',                     'NUMBER'),
('item_line',             'available',                     'NUMBER'),
('item_line',             'quantity',                      'NUMBER'),
('item_line',             'cost_price',                    'NUMBER'),
('item_line',             'sell_price',                    'NUMBER'),
('item_line',             'total_volume',                  'NUMBER'),
('item_line',             'volume_per_pack',               'NUMBER'),
-- stocktake.rs LegacyStocktakeRow (stock_take_created_date is strict)
('Stock_take',            'serial_number',                 'NUMBER'),
('Stock_take',            'stock_take_created_date',       'DATE'),
('Stock_take',            'stock_take_time',               'TIME'),
('Stock_take',            'stock_take_date',               'DATE'),
-- stocktake_line.rs LegacyStocktakeLineRow
('Stock_take_lines',      'snapshot_qty',                  'NUMBER'),
('Stock_take_lines',      'snapshot_packsize',             'NUMBER'),
('Stock_take_lines',      'stock_take_qty',                'NUMBER'),
('Stock_take_lines',      'expiry',                        'DATE'),
('Stock_take_lines',      'cost_price',                    'NUMBER'),
('Stock_take_lines',      'sell_price',                    'NUMBER'),
('Stock_take_lines',      'volume_per_pack',               'NUMBER'),
-- invoice.rs LegacyTransactRow (entry_date is strict; the insurance discounts are zero_f64_as_none, pushed as null)
('transact',              'invoice_num',                   'NUMBER'),
('transact',              'currency_rate',                 'NUMBER'),
('transact',              'insuranceDiscountAmount',       'NUMBER'),
('transact',              'insuranceDiscountRate',         'NUMBER'),
('transact',              'entry_date',                    'DATE'),
('transact',              'entry_time',                    'TIME'),
('transact',              'confirm_date',                  'DATE'),
('transact',              'confirm_time',                  'TIME'),
('transact',              'finalised_date',                'DATE'),
('transact',              'finalised_time',                'TIME'),
('transact',              'arrival_date_estimated',        'DATE'),
-- invoice_line.rs LegacyTransLineRow
('trans_line',            'expiry_date',                   'DATE'),
('trans_line',            'pack_size',                     'NUMBER'),
('trans_line',            'cost_price',                    'NUMBER'),
('trans_line',            'sell_price',                    'NUMBER'),
('trans_line',            'quantity',                      'NUMBER'),
('trans_line',            'volume_per_pack',               'NUMBER'),
-- goods_received.rs LegacyGoodsReceivedRow
('Goods_received',        'serial_number',                 'NUMBER'),
('Goods_received',        'entry_date',                    'DATE'),
-- goods_received_line.rs LegacyGoodsReceivedLineRow
('Goods_received_line',   'pack_received',                 'NUMBER'),
('Goods_received_line',   'quantity_received',             'NUMBER'),
('Goods_received_line',   'cost_price',                    'NUMBER'),
('Goods_received_line',   'expiry_date',                   'DATE'),
('Goods_received_line',   'volume_per_pack',               'NUMBER'),
-- purchase_order.rs LegacyPurchaseOrderRow (creation_date is strict; the charges and curr_rate are zero_f64_as_none)
('purchase_order',        'creation_date',                 'DATE'),
('purchase_order',        'confirm_date',                  'DATE'),
('purchase_order',        'agent_commission',              'NUMBER'),
('purchase_order',        'document_charge',               'NUMBER'),
('purchase_order',        'communications_charge',         'NUMBER'),
('purchase_order',        'insurance_charge',              'NUMBER'),
('purchase_order',        'freight_charge',                'NUMBER'),
('purchase_order',        'supplier_discount_amount',      'NUMBER'),
('purchase_order',        'curr_rate',                     'NUMBER'),
('purchase_order',        'Order_total_before_discount',   'NUMBER'),
('purchase_order',        'Order_total_after_discount',    'NUMBER'),
('purchase_order',        'serial_number',                 'NUMBER'),
('purchase_order',        'requested_delivery_date',       'DATE'),
('purchase_order',        'po_sent_date',                  'DATE'),
('purchase_order',        'Date_contract_signed',          'DATE'),
('purchase_order',        'Date_advance_payment',          'DATE'),
('purchase_order',        'Date_goods_received_at_port',   'DATE'),
-- purchase_order_line.rs LegacyPurchaseOrderLineRow (quan_adjusted_order is zero_f64_as_none)
('purchase_order_line',   'line_number',                   'NUMBER'),
('purchase_order_line',   'snapshot_quantity',             'NUMBER'),
('purchase_order_line',   'packsize_ordered',              'NUMBER'),
('purchase_order_line',   'quan_original_order',           'NUMBER'),
('purchase_order_line',   'quan_adjusted_order',           'NUMBER'),
('purchase_order_line',   'delivery_date_requested',       'DATE'),
('purchase_order_line',   'delivery_date_expected',        'DATE'),
('purchase_order_line',   'price_per_pack_before_discount', 'NUMBER'),
('purchase_order_line',   'price_expected_after_discount', 'NUMBER'),
('purchase_order_line',   'price_extension_expected',      'NUMBER'),
-- sensor.rs LegacySensorRow
('sensor',                'lastConnectionDate',            'DATE'),
('sensor',                'lastConnectionTime',            'TIME'),
-- temperature_log.rs LegacyTemperatureLogRow
('temperature_log',       'temperature',                   'NUMBER'),
('temperature_log',       'date',                          'DATE'),
('temperature_log',       'time',                          'TIME'),
-- temperature_breach.rs LegacyTemperatureBreachRow
('temperature_breach',    'duration',                      'NUMBER'),
('temperature_breach',    'start_date',                    'DATE'),
('temperature_breach',    'start_time',                    'TIME'),
('temperature_breach',    'end_date',                      'DATE'),
('temperature_breach',    'end_time',                      'TIME'),
('temperature_breach',    'threshold_minimum_temperature', 'NUMBER'),
('temperature_breach',    'threshold_maximum_temperature', 'NUMBER'),
('temperature_breach',    'threshold_duration',            'NUMBER'),
-- vvm_status_log.rs LegacyVVMStatusLogRow (date is strict)
('vaccine_vial_monitor_status_log', 'date',                'DATE'),
('vaccine_vial_monitor_status_log', 'time',                'TIME'),
-- Patient
-- name_insurance_join.rs LegacyNameInsuranceJoinRow (expiryDate is strict)
('nameInsuranceJoin',     'discountRate',                  'NUMBER'),
('nameInsuranceJoin',     'expiryDate',                    'DATE'),
-- Message
-- sync_message.rs LegacyMessageRow (createdDate is strict)
('message',               'createdDate',                   'DATE'),
('message',               'createdTime',                   'TIME');

-- No typed field in Open mSupply's struct: contact, list_master, list_master_line, list_master_name_join,
-- program_indicator, abbreviation, insuranceProvider, periodSchedule, options, pref (its values are nested in "item"),
-- name_store_join, om_user_permission, indicator_value, clinician, clinician_store_join,
-- om_activity_log and om_document (their "datetime" is a full NaiveDateTime, the same both ways),
-- barcode (packSize is an Option<f64>: null is "no pack size").
-- preference: Open mSupply's own PreferenceRow, not a Legacy*Row.
-- Not translated by Open mSupply: name_category, department, name_group, budget, account, transaction_category,
-- po_category, regimen, indicator_line and indicator_column (it reads both from one "indicator_attribute" table),
-- patient_event_type, report (it reads "om_report"), new_user, user_store, user_permission, site, sync_preference.
