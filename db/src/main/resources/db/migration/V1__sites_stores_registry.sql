-- Sites, stores and their copies, the data-type registry, administrators and the central copy of records.
-- Identifiers use a binary collation: mSupply record ids and table names are case-sensitive.

CREATE TABLE site (
    id              INT          NOT NULL,
    uuid            CHAR(36)     NOT NULL,
    name            VARCHAR(100) NOT NULL,
    type            VARCHAR(10)  NOT NULL,
    -- slow hash (PBKDF2) of the lowercase hex SHA-256 of the password, which is what a v5 site sends
    password_hash   VARCHAR(512) NULL,
    hardware_id     VARCHAR(255) NULL,
    is_primary      BOOLEAN      NOT NULL DEFAULT FALSE,
    last_contact    DATETIME(3)  NULL,
    refused_records BIGINT       NOT NULL DEFAULT 0,
    created_at      DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    version         BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uk_site_name UNIQUE (name),
    CONSTRAINT uk_site_uuid UNIQUE (uuid),
    CONSTRAINT ck_site_type CHECK (type IN ('DESKTOP', 'MOBILE')),
    CONSTRAINT ck_site_id CHECK (id > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The central server is sync site 1 and exists from the start; it has no password: nobody syncs as it.
INSERT INTO site (id, uuid, name, type) VALUES (1, UUID(), 'central', 'DESKTOP');

CREATE TABLE store (
    id                   VARCHAR(128) NOT NULL,
    code                 VARCHAR(64)  NOT NULL,
    name                 VARCHAR(255) NOT NULL,
    name_id              VARCHAR(128) NOT NULL,
    active_site_id       INT          NOT NULL,
    dispensary           BOOLEAN      NOT NULL DEFAULT FALSE,
    include_transactions BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at           DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    version              BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uk_store_name_id UNIQUE (name_id),
    CONSTRAINT fk_store_active_site FOREIGN KEY (active_site_id) REFERENCES site (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_store_active_site ON store (active_site_id);

-- What the store's copy on another site is. No row means NONE; the active site itself has no row.
CREATE TABLE store_sync_with (
    store_id VARCHAR(128) NOT NULL,
    site_id  INT          NOT NULL,
    type     VARCHAR(20)  NOT NULL,
    PRIMARY KEY (store_id, site_id),
    CONSTRAINT fk_sync_with_store FOREIGN KEY (store_id) REFERENCES store (id) ON DELETE CASCADE,
    CONSTRAINT fk_sync_with_site FOREIGN KEY (site_id) REFERENCES site (id) ON DELETE CASCADE,
    CONSTRAINT ck_sync_with_type CHECK (type IN ('ACTIVE_COLLECTOR', 'TRANSFER'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_sync_with_site ON store_sync_with (site_id);

-- Which names are visible in which stores: the active name_store_join records, kept as an index of the
-- central copy. A store is visible in another store when its own name is.
CREATE TABLE name_visibility (
    join_id  VARCHAR(128) NOT NULL,
    name_id  VARCHAR(128) NOT NULL,
    store_id VARCHAR(128) NOT NULL,
    PRIMARY KEY (join_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_visibility_name ON name_visibility (name_id, store_id);
CREATE INDEX ix_visibility_store ON name_visibility (store_id);

-- The central copy: the latest version of every record the central server received or created.
CREATE TABLE sync_record (
    table_name     VARCHAR(64)  NOT NULL,
    record_id      VARCHAR(128) NOT NULL,
    store_id       VARCHAR(128) NULL,
    patient_id     VARCHAR(128) NULL,
    origin_site_id INT          NOT NULL,
    deleted        BOOLEAN      NOT NULL DEFAULT FALSE,
    data           LONGTEXT     NOT NULL,
    version        BIGINT       NOT NULL DEFAULT 1,
    updated_at     DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (table_name, record_id),
    CONSTRAINT ck_sync_record_json CHECK (JSON_VALID(data))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_sync_record_store ON sync_record (store_id);
CREATE INDEX ix_sync_record_patient ON sync_record (patient_id);

CREATE TABLE administrator (
    username      VARCHAR(100) NOT NULL,
    password_hash VARCHAR(512) NOT NULL,
    created_at    DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (username)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The data-type registry: every synced mSupply table and the seed's type that decides who may change it and
-- where it goes. Routing reads these columns, never a list of table names in code.
CREATE TABLE data_type (
    table_name       VARCHAR(64)  NOT NULL,
    type             VARCHAR(20)  NOT NULL,
    -- the recordData field naming the store that owns the record (or, for store records, the store itself)
    store_field      VARCHAR(64)  NULL,
    -- lines carry no store: they follow their parent record
    parent_table     VARCHAR(64)  NULL,
    parent_field     VARCHAR(64)  NULL,
    -- the other party of a transfer (transact, requisition, purchase order): a store's name makes it a transfer
    transfer_field   VARCHAR(64)  NULL,
    -- the patient (or prescriber) a patient-data record belongs to
    patient_field    VARCHAR(64)  NULL,
    -- central data that only sites with an active dispensary store receive
    dispensary_only  BOOLEAN      NOT NULL DEFAULT FALSE,
    -- transactions, prescriptions, stock and stocktakes: held back from the central when a dispensary store
    -- has "include transactions in sync" off
    transaction_data BOOLEAN      NOT NULL DEFAULT FALSE,
    seed_row         VARCHAR(200) NOT NULL,
    notes            VARCHAR(500) NULL,
    PRIMARY KEY (table_name),
    CONSTRAINT ck_data_type_type CHECK (type IN ('CENTRAL', 'CENTRAL_STORE', 'STORE', 'PATIENT', 'LOCAL', 'SYNC', 'MESSAGE'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO data_type (table_name, type, store_field, parent_table, parent_field, transfer_field, patient_field,
                       dispensary_only, transaction_data, seed_row, notes) VALUES
-- Central: edited on the primary only, sent to every site through the central change log
('item',                  'CENTRAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Items', NULL),
('item_category',         'CENTRAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Items', 'item-related data'),
('unit',                  'CENTRAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Items', 'item-related data'),
('name',                  'CENTRAL', NULL, NULL, NULL, NULL, 'ID', FALSE, FALSE, 'Names (except patients)',
 'a name whose type is "patient" is patient data, owned through its home store (supplying_store_id)'),
('name_category',         'CENTRAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Names (except patients)', 'name-related data'),
('contact',               'CENTRAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Names (except patients)', 'name-related data'),
('department',            'CENTRAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Groups and departments', NULL),
('name_group',            'CENTRAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Groups and departments', NULL),
('list_master',           'CENTRAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Item master lists', NULL),
('list_master_line',      'CENTRAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Item master lists', NULL),
('list_master_name_join', 'CENTRAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Item master lists', NULL),
('budget',                'CENTRAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Budgets and accounts', NULL),
('account',               'CENTRAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Budgets and accounts', NULL),
('transaction_category',  'CENTRAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Transaction categories', NULL),
('po_category',           'CENTRAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Purchase order categories', NULL),
('location_type',         'CENTRAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Location types', NULL),
('regimen',               'CENTRAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Regimens and indicators', NULL),
('program_indicator',     'CENTRAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Regimens and indicators', NULL),
('indicator_line',        'CENTRAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Regimens and indicators', NULL),
('indicator_column',      'CENTRAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Regimens and indicators', NULL),
('abbreviation',          'CENTRAL', NULL, NULL, NULL, NULL, NULL, TRUE,  FALSE, 'Abbreviations and item directions', 'dispensary data'),
('item_direction',        'CENTRAL', NULL, NULL, NULL, NULL, NULL, TRUE,  FALSE, 'Abbreviations and item directions', 'dispensary data'),
('insuranceProvider',     'CENTRAL', NULL, NULL, NULL, NULL, NULL, TRUE,  FALSE, 'Dispensary data: insurance providers', NULL),
('patient_event_type',    'CENTRAL', NULL, NULL, NULL, NULL, NULL, TRUE,  FALSE, 'Dispensary data: patient event types', NULL),
('report',                'CENTRAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Custom reports', NULL),
('currency',              'CENTRAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Budgets and accounts', 'one home currency is required by Open mSupply'),
('period',                'CENTRAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Customer stock history and requisitions', 'reporting periods'),
('periodSchedule',        'CENTRAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Customer stock history and requisitions', 'reporting periods'),
('options',               'CENTRAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Transaction categories', 'reasons'),
('user',                  'CENTRAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Existing users',
 'Open mSupply pulls users as central data; passwords never sync'),
-- Central store: edited on the primary only, sent to the site where the store is active
('store',                 'CENTRAL_STORE', 'ID', NULL, NULL, NULL, NULL, FALSE, FALSE, 'Stores and non sync-related store preferences',
 'store records go to every site whose sync-with is not NONE'),
('pref',                  'CENTRAL_STORE', 'store_ID', NULL, NULL, NULL, NULL, FALSE, FALSE, 'Stores and non sync-related store preferences', NULL),
('name_store_join',       'CENTRAL_STORE', 'store_ID', NULL, NULL, NULL, 'name_ID', FALSE, FALSE, 'Visibility of items and names (except patients)',
 'visibility of a patient made in a store active on the pushing site is patient data (new patient visibility)'),
('item_store_join',       'CENTRAL_STORE', 'store_ID', NULL, NULL, NULL, NULL, FALSE, FALSE, 'Visibility of items and names (except patients)', NULL),
('om_user_permission',    'CENTRAL_STORE', 'store_ID', NULL, NULL, NULL, NULL, FALSE, FALSE, 'Stores and non sync-related store preferences', 'document permissions per store'),
-- Store: edited on the site where the store is active, sent to its collector copies
('requisition',           'STORE', 'store_ID', NULL, NULL, 'name_ID', NULL, FALSE, FALSE, 'Customer stock history and requisitions', NULL),
('requisition_line',      'STORE', NULL, 'requisition', 'requisition_ID', NULL, NULL, FALSE, FALSE, 'Customer stock history and requisitions', NULL),
('Location',              'STORE', 'store_ID', NULL, NULL, NULL, NULL, FALSE, FALSE, 'Locations', NULL),
('location_movement',     'STORE', 'store_ID', NULL, NULL, NULL, NULL, FALSE, FALSE, 'Locations', NULL),
('item_line',             'STORE', 'store_ID', NULL, NULL, NULL, NULL, FALSE, TRUE,  'Stock and stocktakes', NULL),
('Stock_take',            'STORE', 'store_ID', NULL, NULL, NULL, NULL, FALSE, TRUE,  'Stock and stocktakes', NULL),
('Stock_take_lines',      'STORE', NULL, 'Stock_take', 'stock_take_ID', NULL, NULL, FALSE, TRUE, 'Stock and stocktakes', NULL),
('transact',              'STORE', 'store_ID', NULL, NULL, 'name_ID', NULL, FALSE, TRUE,  'Transactions, payments and prescriptions', NULL),
('trans_line',            'STORE', NULL, 'transact', 'transaction_ID', NULL, NULL, FALSE, TRUE, 'Transactions, payments and prescriptions', NULL),
('Goods_received',        'STORE', 'store_ID', NULL, NULL, NULL, NULL, FALSE, FALSE, 'Goods received', NULL),
('Goods_received_line',   'STORE', NULL, 'Goods_received', 'goods_received_ID', NULL, NULL, FALSE, FALSE, 'Goods received', NULL),
('indicator_value',       'STORE', 'store_ID', NULL, NULL, NULL, NULL, FALSE, FALSE, 'Indicator values', NULL),
('purchase_order',        'STORE', 'store_ID', NULL, NULL, 'name_ID', NULL, FALSE, FALSE, 'Purchase orders', 'centralised purchase orders are central-store data'),
('purchase_order_line',   'STORE', 'store_ID', NULL, NULL, NULL, NULL, FALSE, FALSE, 'Purchase orders', NULL),
('om_activity_log',       'STORE', 'store_ID', NULL, NULL, NULL, NULL, FALSE, FALSE, 'Transactions, payments and prescriptions', 'Open mSupply activity log'),
('sensor',                'STORE', 'store_ID', NULL, NULL, NULL, NULL, FALSE, FALSE, 'Stock and stocktakes', 'cold chain'),
('temperature_log',       'STORE', 'store_ID', NULL, NULL, NULL, NULL, FALSE, FALSE, 'Stock and stocktakes', 'cold chain'),
('temperature_breach',    'STORE', 'store_ID', NULL, NULL, NULL, NULL, FALSE, FALSE, 'Stock and stocktakes', 'cold chain'),
('vaccine_vial_monitor_status_log', 'STORE', 'store_ID', NULL, NULL, NULL, NULL, FALSE, TRUE, 'Stock and stocktakes', NULL),
('new_user',              'STORE', 'store_ID', NULL, NULL, NULL, NULL, FALSE, FALSE, 'New users', 'new user records are sent to the central server'),
-- Patient: edited on the site where the patient's home store is active, sent where the patient is visible
('clinician',             'PATIENT', 'store_ID', NULL, NULL, NULL, 'ID', FALSE, FALSE, 'Patients and prescribers', 'prescribers behave like patients; store_ID is the home store'),
('clinician_store_join',  'PATIENT', 'store_ID', NULL, NULL, NULL, 'prescriber_ID', FALSE, FALSE, 'Visibility of new patients and prescribers', NULL),
('nameInsuranceJoin',     'PATIENT', NULL, NULL, NULL, NULL, 'nameID', FALSE, FALSE, 'Patients and prescribers', 'insurance policies'),
-- Local: never leaves the site
('preference',            'LOCAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Preferences (non-store)', NULL),
('user_store',            'LOCAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'User permissions', NULL),
('user_permission',       'LOCAL', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'User permissions', NULL),
-- Sync: the central server's own configuration
('site',                  'SYNC', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Sites and sync-related preferences', NULL),
('sync_preference',       'SYNC', NULL, NULL, NULL, NULL, NULL, FALSE, FALSE, 'Sites and sync-related preferences', NULL),
-- Message: routed by the receiving store
('message',               'MESSAGE', 'toStoreID', NULL, NULL, NULL, NULL, FALSE, FALSE, 'Messages and sync records', 'fromStoreID is the sending store');
