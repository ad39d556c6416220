import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * The tables of src/server/db/migrations as the query builder sees them (query-builder.ts). Keep
 * in step with the migrations: a new column goes in both (schema-matches-database.test.ts fails
 * on any difference). Row types are derived from these
 * (`Row<'tasks'>`), never written by hand per query.
 *
 * Read types are what `Database` returns on both engines: int8 is a number from PGlite and a
 * string from pg (read it with toInt), a timestamp a Date or a string (read it with toIso), jsonb
 * parsed. Writes pass jsonb as JSON text.
 */
type Int8 = ColumnType<number | string, number | bigint | string, number | bigint | string>;
type Timestamp = ColumnType<Date | string, Date | string, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;
/** A column the database fills when an insert leaves it out. */
type WithDefault<T> = T extends ColumnType<infer S, infer I, infer U> ? ColumnType<S, I | undefined, U> : Generated<T>;

export interface DB {
  warehouses: {
    id: string;
    code: string;
    name: string;
    priority: WithDefault<number>;
    address: Json | null;
    created_at: WithDefault<Timestamp>;
    kind: WithDefault<'warehouse' | 'dropship'>;
  };
  api_keys: {
    id: string;
    name: string;
    role: string;
    warehouse_id: string | null;
    lookup_prefix: string;
    secret_hash: string;
    created_at: WithDefault<Timestamp>;
    revoked_at: Timestamp | null;
    retired_lookup_prefix: string | null;
    retired_secret_hash: string | null;
    rotated_at: Timestamp | null;
    /** Set on (and only on) a customer key: the customer whose orders it reads. */
    customer_id: string | null;
  };
  stations: {
    id: string;
    name: string;
    warehouse_id: string;
    enrollment_code_hash: string | null;
    enrollment_expires_at: Timestamp | null;
    credential_hash: string | null;
    enrolled_at: Timestamp | null;
    revoked_at: Timestamp | null;
    last_seq: WithDefault<Int8>;
    last_seen_at: Timestamp | null;
    created_at: WithDefault<Timestamp>;
    retired_credential_hash: string | null;
    credential_replaced_at: Timestamp | null;
    kind: WithDefault<'packing' | 'returns'>;
  };
  number_sequences: { prefix: string; day: string; last: number };
  orders: {
    id: string;
    number: string;
    status: string;
    payment_status: string;
    order_type: string;
    channel: string;
    customer_id: string | null;
    customer_name: string;
    customer_email: string | null;
    currency: string;
    total_minor: Int8;
    doc: Json;
    version: WithDefault<number>;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  inventory: { warehouse_id: string; sku: string; on_hand: WithDefault<number>; reserved: WithDefault<number> };
  fulfillment_orders: {
    id: string;
    order_id: string;
    warehouse_id: string;
    status: string;
    claimed_by: string | null;
    doc: Json;
    rev: Int8;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  sync_tombstones: { collection: string; doc_id: string; warehouse_id: string; rev: Int8 };
  backorders: {
    id: string;
    order_id: string;
    line_id: string;
    sku: string;
    quantity: number;
    status: string;
    warehouse_id: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
    priority: WithDefault<number>;
    fulfillment_order_id: string | null;
    split_from: string | null;
    note: string | null;
  };
  timeline_events: {
    position: WithDefault<Int8>;
    id: string;
    type: string;
    order_id: string | null;
    fulfillment_order_id: string | null;
    entity_ids: WithDefault<Json<Record<string, unknown>>>;
    payload: WithDefault<Json>;
    actor: Json;
    station_id: string | null;
    station_seq: Int8 | null;
    occurred_at: Timestamp;
    recorded_at: WithDefault<Timestamp>;
    outcome: WithDefault<string>;
    outcome_code: string | null;
    outcome_message: string | null;
  };
  tasks: {
    id: string;
    kind: string;
    status: WithDefault<string>;
    title: string;
    order_id: string | null;
    fulfillment_order_id: string | null;
    event_id: string | null;
    warehouse_id: string | null;
    detail: WithDefault<Json<Record<string, unknown>>>;
    created_at: WithDefault<Timestamp>;
    resolved_at: Timestamp | null;
    version: WithDefault<number>;
  };
  idempotency_keys: {
    principal_id: string;
    key: string;
    request_hash: string;
    method: string;
    path: string;
    status: number | null;
    headers: WithDefault<Json>;
    body: string | null;
    created_at: WithDefault<Timestamp>;
  };
  order_notes: { id: string; order_id: string; visibility: string; text: string; author: Json; created_at: Timestamp };
  payments: {
    id: string;
    order_id: string;
    provider: string;
    reference: string;
    status: string;
    amount_minor: Int8;
    currency: string;
    failure_reason: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  refunds: {
    id: string;
    order_id: string;
    amount_minor: Int8;
    shipping_minor: WithDefault<Int8>;
    currency: string;
    kind: string;
    reason: string;
    destination: string;
    lines: WithDefault<Json>;
    status: string;
    provider_reference: string | null;
    refund_request_id: string | null;
    actor: Json;
    created_at: Timestamp;
  };
  order_quotes: {
    id: string;
    order_id: string;
    order_version: number;
    request: Json;
    preview: Json;
    actor: Json;
    created_at: WithDefault<Timestamp>;
    expires_at: Timestamp;
    applied_at: Timestamp | null;
  };
  billing_documents: {
    id: string;
    order_id: string;
    kind: 'invoice' | 'credit_note';
    number: string;
    currency: string;
    lines: Json;
    subtotal_minor: Int8;
    discount_minor: Int8;
    tax_minor: Int8;
    shipping_minor: Int8;
    total_minor: Int8;
    bill_to: Json;
    reason: string;
    corrects_id: string | null;
    refund_id: string | null;
    quote_id: string | null;
    actor: Json;
    issued_at: WithDefault<Timestamp>;
  };
  payment_webhook_events: {
    event_id: string;
    type: string;
    order_id: string | null;
    payload: Json;
    outcome: string;
    outcome_code: string | null;
    received_at: WithDefault<Timestamp>;
  };
  suppliers: {
    id: string;
    code: string;
    name: string;
    warehouse_id: string;
    priority: WithDefault<number>;
    active: WithDefault<boolean>;
    created_at: WithDefault<Timestamp>;
  };
  supplier_products: { supplier_id: string; sku: string; lead_time_days: WithDefault<number>; available: number | null };
  channel_routing: {
    channel: string;
    strategy: 'priority' | 'most_stock';
    warehouse_order: WithDefault<Json>;
    prefer_single_warehouse: WithDefault<boolean>;
    split_lines: WithDefault<boolean>;
    allow_dropship: WithDefault<boolean>;
    updated_at: WithDefault<Timestamp>;
  };
  package_details: {
    package_id: string;
    fulfillment_order_id: string;
    order_id: string;
    service: string | null;
    dimensions: Json | null;
    tracking_numbers: WithDefault<Json>;
    label: Json | null;
    void_reason: string | null;
    delivered_at: Timestamp | null;
    updated_at: Timestamp;
  };
  tracking_events: {
    id: string;
    package_id: string;
    status: string;
    description: string | null;
    location: string | null;
    external_id: string | null;
    occurred_at: Timestamp;
    recorded_at: WithDefault<Timestamp>;
    actor: Json;
  };
  returns: {
    id: string;
    number: string;
    order_id: string;
    warehouse_id: string | null;
    status: string;
    resolution: 'refund' | 'store_credit' | 'exchange';
    method: 'ship' | 'dropoff' | 'pickup';
    customer_note: string | null;
    rejection_reason: string | null;
    replacement_order_id: string | null;
    refund_request_id: string | null;
    milestones: WithDefault<Json>;
    rev: Int8;
    version: WithDefault<number>;
    created_at: Timestamp;
    updated_at: Timestamp;
    applied_seq: WithDefault<Json>;
  };
  return_lines: {
    id: string;
    return_id: string;
    position: number;
    order_line_id: string;
    sku: string;
    barcode: string | null;
    name: string;
    quantity: number;
    received_quantity: WithDefault<number>;
    reason_code: string;
    reason_note: string | null;
    exchange_sku: string | null;
    exchange_name: string | null;
    exchange_barcode: string | null;
    units: WithDefault<Json>;
    shipped_serials: Json | null;
  };
  refund_requests: {
    id: string;
    order_id: string;
    source: 'return' | 'backorder_cancelled';
    return_id: string | null;
    backorder_id: string | null;
    status: WithDefault<'requested' | 'processing' | 'refunded' | 'failed' | 'cancelled'>;
    method: 'original_payment' | 'store_credit';
    currency: string;
    amount_minor: Int8;
    items_minor: Int8;
    discount_minor: Int8;
    tax_minor: Int8;
    shipping_minor: Int8;
    lines: Json;
    reason: string;
    requested_by: Json;
    payment_reference: string | null;
    failure_reason: string | null;
    created_at: WithDefault<Timestamp>;
    updated_at: WithDefault<Timestamp>;
  };
  users: {
    id: string;
    name: string;
    role: 'admin' | 'supervisor' | 'packer' | 'returns';
    warehouse_id: string | null;
    badge_hash: string | null;
    pin_hash: string;
    active: WithDefault<boolean>;
    version: WithDefault<number>;
    created_at: WithDefault<Timestamp>;
    updated_at: WithDefault<Timestamp>;
    deactivated_at: Timestamp | null;
  };
  webhooks: {
    id: string;
    url: string;
    events: string[];
    secret: string;
    secret_hint: string;
    description: string | null;
    active: WithDefault<boolean>;
    created_by: Json;
    created_at: WithDefault<Timestamp>;
    updated_at: WithDefault<Timestamp>;
  };
  webhook_deliveries: {
    id: string;
    webhook_id: string;
    event_id: string | null;
    event_position: Int8 | null;
    event_type: string;
    payload: Json | null;
    status: WithDefault<'pending' | 'succeeded' | 'failed'>;
    attempts: WithDefault<number>;
    max_attempts: number | null;
    next_attempt_at: WithDefault<Timestamp>;
    locked_until: Timestamp | null;
    last_attempt_at: Timestamp | null;
    last_status_code: number | null;
    last_error: string | null;
    attempt_log: WithDefault<Json>;
    created_at: WithDefault<Timestamp>;
    completed_at: Timestamp | null;
  };
  jobs: {
    id: string;
    kind: 'export' | 'import' | 'bulk-status' | 'reconcile';
    status: WithDefault<'queued' | 'running' | 'succeeded' | 'failed'>;
    format: 'csv' | 'ndjson';
    params: WithDefault<Json>;
    warehouse_id: string | null;
    created_by: Json;
    progress: WithDefault<Json>;
    result: Json | null;
    error: string | null;
    attempts: WithDefault<number>;
    locked_until: Timestamp | null;
    created_at: WithDefault<Timestamp>;
    started_at: Timestamp | null;
    finished_at: Timestamp | null;
  };
  job_files: { job_id: string; role: 'input' | 'output'; chunk: number; data: string };
  carrier_accounts: {
    id: string;
    warehouse_id: string;
    carrier: 'ups' | 'usps';
    account_number: string;
    usps_channel: '92' | '93' | '94';
    name: string;
    label_format: 'zpl' | 'pdf';
    credentials: string | null;
    credential_names: WithDefault<Json<string[]>>;
    block_size: number;
    low_water: number;
    active: WithDefault<boolean>;
    next_serial: WithDefault<Int8>;
    label_source: WithDefault<'blocks' | 'easypost'>;
    created_at: WithDefault<Timestamp>;
    updated_at: WithDefault<Timestamp>;
  };
  carrier_services: { account_id: string; code: string; name: string; position: number };
  shipping_rules: {
    warehouse_id: string;
    position: number;
    name: string;
    conditions: Json;
    account_id: string;
    service_code: string;
  };
  carrier_labels: {
    id: string;
    package_id: string;
    fulfillment_order_id: string;
    account_id: string;
    provider: string;
    service_code: string;
    status: 'buying' | 'bought' | 'refund_submitted' | 'refunded' | 'refund_rejected';
    claimed_at: WithDefault<Timestamp>;
    shipment_id: string | null;
    rate_id: string | null;
    carrier_service: string | null;
    tracking_number: string | null;
    tracking_url: string | null;
    label_format: 'zpl' | 'pdf' | null;
    label_url: string | null;
    label_data: string | null;
    amount_minor: Int8 | null;
    currency: string | null;
    bought_by: Json;
    bought_at: Timestamp | null;
    voided_at: Timestamp | null;
    void_reason: string | null;
    void_due_at: Timestamp | null;
    void_attempts: WithDefault<number>;
    void_error: string | null;
  };
  tracking_blocks: {
    id: string;
    account_id: string;
    station_id: string;
    first_serial: Int8;
    last_serial: Int8;
    issued_at: WithDefault<Timestamp>;
  };
  manifests: {
    id: string;
    warehouse_id: string;
    carrier: string;
    sequence: number;
    package_count: number;
    total_weight_grams: Int8;
    unweighed_count: number;
    closed_at: WithDefault<Timestamp>;
    closed_by: Json;
  };
  manifest_packages: {
    package_id: string;
    manifest_id: string;
    fulfillment_order_id: string;
    order_id: string;
    order_number: string;
    service: string | null;
    tracking_number: string | null;
    weight_grams: number | null;
    shipped_at: Timestamp;
  };
  return_labels: {
    return_id: string;
    account_id: string;
    carrier: string;
    service_code: string;
    service_name: string;
    tracking_number: string;
    tracking_url: string;
    source: 'block' | 'adapter';
    created_at: WithDefault<Timestamp>;
    created_by: Json;
    shipment_id: string | null;
    label_format: 'zpl' | 'pdf' | null;
    label_data: string | null;
    amount_minor: Int8 | null;
    currency: string | null;
    voided_at: Timestamp | null;
    void_reason: string | null;
    refund_status: 'submitted' | 'refunded' | 'rejected' | 'not_applicable' | null;
    void_due_at: Timestamp | null;
    void_attempts: WithDefault<number>;
    void_error: string | null;
  };
  return_label_purchases: {
    return_id: string;
    account_id: string;
    service_code: string;
    claimed_at: WithDefault<Timestamp>;
  };
  notification_settings: {
    channel: 'email' | 'slack' | 'sms';
    enabled: boolean;
    events: string[];
    transport_configured: WithDefault<boolean>;
    updated_by: Json | null;
    updated_at: WithDefault<Timestamp>;
  };
  notification_outbox: {
    id: string;
    order_id: string;
    event: string;
    channel: 'email' | 'slack' | 'sms';
    timeline_event_id: string | null;
    tx_id: Int8;
    requested_by: Json | null;
    status: WithDefault<'pending' | 'sent' | 'failed' | 'skipped'>;
    attempts: WithDefault<number>;
    next_attempt_at: WithDefault<Timestamp>;
    locked_until: Timestamp | null;
    last_attempt_at: Timestamp | null;
    last_error: string | null;
    recipient: string | null;
    subject: string | null;
    locale: string | null;
    provider_message_id: string | null;
    attempt_log: WithDefault<Json>;
    created_at: WithDefault<Timestamp>;
    sent_at: Timestamp | null;
  };
  settings: {
    id: WithDefault<number>;
    doc: Json;
    version: number;
    updated_by: Json | null;
    updated_at: WithDefault<Timestamp>;
  };
  policy_schedule: {
    policy: string;
    next_run_at: WithDefault<Timestamp>;
    locked_until: Timestamp | null;
    last_run_at: Timestamp | null;
    last_result: Json | null;
  };
  policy_actions: {
    policy: string;
    order_id: string;
    action: string;
    acted_at: WithDefault<Timestamp>;
    detail: WithDefault<Json>;
  };
  warehouse_pick_modes: {
    warehouse_id: string;
    mode: 'pack-only' | 'pick-and-pack';
    updated_at: WithDefault<Timestamp>;
  };
  bin_locations: {
    id: string;
    warehouse_id: string;
    zone: string;
    aisle: string;
    bay: string;
    level: string;
    bin: string;
    code: string;
    barcode: string;
    walk_order: number;
    rev: Int8;
    created_at: WithDefault<Timestamp>;
    updated_at: WithDefault<Timestamp>;
    /** Set when the bin was removed: stations pull it as a tombstone. */
    removed_at: Timestamp | null;
  };
  bin_stock: {
    bin_id: string;
    sku: string;
    quantity: number;
  };
  sku_tracking: { sku: string; tracking: 'lot' | 'serial'; updated_at: WithDefault<Timestamp> };
  packed_units: {
    id: string;
    package_id: string;
    fulfillment_order_id: string;
    order_id: string;
    warehouse_id: string;
    line_id: string;
    sku: string;
    serial: string | null;
    lot: string | null;
    expiry: string | null;
    quantity: number;
    packed_at: Timestamp;
  };
}

/** A row of `table` as a `select *` returns it. */
export type Row<T extends keyof DB> = Selectable<DB[T]>;
/** What an insert into `table` takes. */
export type NewRow<T extends keyof DB> = Insertable<DB[T]>;
