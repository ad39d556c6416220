/**
 * The GraphQL schema (SDL) of the orders API, served at GET /graphql/schema. Every type and
 * field says what it is; the shapes are the REST answers' (src/server/openapi/resource-schemas.ts),
 * because every field is resolved from the REST route that answers it (resolvers.ts).
 */
export const ORDERS_SDL = /* GraphQL */ `
  """
  An integer amount of money in minor units (pence, cents). Amounts reach 10^13, past GraphQL's 32-bit Int.
  """
  scalar MinorUnits

  "Free-form JSON (metadata, snapshots, event payloads), as REST answers it."
  scalar JSON

  "Orders: read them, place them, and move them through their lifecycle, with the same rules, roles and warehouse scope as /v1/orders."
  type Query {
    "A page of orders, newest first unless sorted otherwise; the filters of GET /v1/orders. A warehouse-bound caller sees only its warehouse's orders."
    orders(
      filter: OrderFilter
      sort: OrderSort = CREATED_AT_DESC
      "page size, 1 to 200"
      first: Int = 50
      "the pageInfo.nextCursor of the previous page"
      after: String
      "1-based page number instead of the cursor; pageInfo then carries totals"
      page: Int
      "vocabulary of status filters and the statuses shown (dockside, order-management...)"
      statusVocabulary: String
    ): OrderPage!
    "One order by id (GET /v1/orders/{id}); not_found when it does not exist or is not in your warehouse."
    order(id: ID!, statusVocabulary: String): Order!
    "One order by its number, e.g. ORD-20261204-00001; not_found when there is none you may see."
    orderByNumber(number: String!, statusVocabulary: String): Order!
    "The calling customer's own orders, newest first (GET /v1/my/orders): a customer key only (POST /v1/customer-keys makes one)."
    myOrders("page size, 1 to 100" first: Int = 20, after: String, statusVocabulary: String): CustomerOrderPage!
    "Counts per status, revenue and average order value (GET /v1/orders/summary). Integrators and supervisors."
    orderStats(from: String, to: String, channel: [String!], warehouse: ID, statusVocabulary: String): OrderStats!
  }

  "Commands on orders, each the REST command of the same name: same checks, same timeline entries, same error codes."
  type Mutation {
    "Place an order (POST /v1/orders); a paid or authorized one is confirmed and routed at once when the autoConfirm policy confirms on that payment. Integrators and supervisors."
    createOrder(
      input: CreateOrderInput!
      "an Idempotency-Key: the same key and input answer the first result again"
      idempotencyKey: String
    ): Order!
    "Confirm a pending order (POST /v1/orders/{id}/confirm)."
    confirmOrder(
      id: ID!
      reason: String
      "confirm without an authorized or paid payment; supervisors and admins, with a reason"
      overridePaymentCheck: Boolean
      "the version you read (If-Match): a stale one is refused with version_mismatch"
      expectedVersion: Int
      idempotencyKey: String
    ): Order!
    "Cancel the order (POST /v1/orders/{id}/cancel)."
    cancelOrder(
      id: ID!
      reason: String!
      "put reserved units back into stock (default true)"
      restock: Boolean
      "refund what was paid (default true)"
      refund: Boolean
      expectedVersion: Int
      idempotencyKey: String
    ): Order!
    "Move the order to a status named in any vocabulary (POST /v1/orders/{id}/status): runs the command the status means; derived statuses answer order_status_derived."
    updateOrderStatus(
      id: ID!
      status: String!
      vocabulary: String
      reason: String
      "hold reasons, when the status is on_hold"
      holdReasons: [String!]
      expectedVersion: Int
      idempotencyKey: String
    ): Order!
    "Refund part or all of what was captured (POST /v1/orders/{id}/refunds); more than was captured is refused with refund_exceeds_paid."
    refundOrder(id: ID!, input: RefundInput!, expectedVersion: Int, idempotencyKey: String): RefundResult!
    "Price an edit of the order's lines without applying it (POST /v1/orders/{id}/quote-change): new totals, tax, what to pay or refund, an expiry."
    quoteOrderChange(id: ID!, input: QuoteChangeInput!, expectedVersion: Int, idempotencyKey: String): OrderQuote!
    "Apply a quote (POST /v1/orders/{id}/apply-quote/{quoteId}); a stale, expired or applied one is refused with quote_stale, quote_expired or quote_already_applied."
    applyOrderQuote(
      id: ID!
      quoteId: ID!
      "refund what the edit takes off a paid order (default true)"
      refund: Boolean
      reason: String
      expectedVersion: Int
      idempotencyKey: String
    ): QuoteApplyResult!
  }

  "Filters of the order list; each is the GET /v1/orders query parameter of the same meaning."
  input OrderFilter {
    "statuses, in statusVocabulary"
    status: [String!]
    paymentStatus: [String!]
    "unfulfilled, partially_fulfilled, fulfilled"
    fulfillmentStatus: [String!]
    customerId: String
    "customer name or email, partial and case-insensitive"
    customer: String
    channel: [String!]
    "orders with work routed to this warehouse"
    warehouse: ID
    "ISO 4217, e.g. GBP"
    currency: String
    "ISO 8601 time, inclusive"
    from: String
    "ISO 8601 time"
    to: String
    "which time from and to bound: created_at (default), updated_at, delivered_at"
    dateField: String
    minTotal: MinorUnits
    maxTotal: MinorUnits
    "order number (partial), customer name or email (partial), customer id or external reference (exact)"
    q: String
    "exact order number"
    number: String
  }

  "Order of the list."
  enum OrderSort {
    CREATED_AT_ASC
    CREATED_AT_DESC
    UPDATED_AT_ASC
    UPDATED_AT_DESC
    TOTAL_ASC
    TOTAL_DESC
    NUMBER_ASC
    NUMBER_DESC
  }

  "One page of orders."
  type OrderPage {
    nodes: [Order!]!
    pageInfo: PageInfo!
  }

  "Where a page sits: pass nextCursor as after for the next one."
  type PageInfo {
    limit: Int!
    hasMore: Boolean!
    nextCursor: String
    "with page pagination only"
    page: Int
    totalItems: Int
    totalPages: Int
  }

  "An order: what the customer bought, what it costs, where it stands."
  type Order {
    id: ID!
    "human-facing number, unique"
    number: String!
    "the order's status in the vocabulary asked for (dockside by default)"
    status: String!
    paymentStatus: String!
    "the vocabulary status and paymentStatus are in, when not dockside"
    statusVocabulary: String
    "dockside's own statuses, when another vocabulary is shown"
    canonical: CanonicalStatus
    "the status to return to when every hold is released"
    statusBeforeHold: String
    "hold reasons in force"
    holds: [String!]!
    "regular, pre_order or mixed"
    orderType: String!
    "where the order came from (web, pos, marketplace...)"
    channel: String!
    externalReference: String
    "ISO 4217"
    currency: String!
    customer: Customer!
    shippingAddress: Address!
    billingAddress: Address!
    totals: OrderTotals!
    discountCode: String
    metadata: JSON!
    "optimistic concurrency: send it back as expectedVersion"
    version: Int!
    "when each status was first reached, by status"
    milestones: JSON!
    "unfulfilled, partially_fulfilled or fulfilled"
    fulfillmentStatus: String!
    "the order this one was duplicated from"
    duplicatedFrom: ID
    cancellation: Cancellation
    createdAt: String!
    updatedAt: String!
    "number of lines"
    lineCount: Int!
    lines: [OrderLine!]!
    "the order's work per warehouse"
    fulfillmentOrders: [FulfillmentOrder!]!
    "payments and refunds (GET /v1/orders/{id}/payments: integrators, supervisors and returns clerks)"
    payments: OrderPayments!
    "every change, oldest first (GET /v1/orders/{id}/timeline)"
    timeline(limit: Int = 100): [TimelineEvent!]!
    "invoices and credit notes, in the order they were issued (GET /v1/orders/{id}/invoices)"
    invoices: [BillingDocument!]!
  }

  "dockside's own statuses of an order shown in another vocabulary."
  type CanonicalStatus {
    status: String!
    paymentStatus: String!
  }

  "One page of a customer's own orders."
  type CustomerOrderPage {
    nodes: [CustomerOrder!]!
    pageInfo: PageInfo!
  }

  "An order as its customer sees it: no holds, notes, metadata or fulfillment internals."
  type CustomerOrder {
    id: ID!
    number: String!
    status: String!
    paymentStatus: String!
    "unfulfilled, partially_fulfilled or fulfilled"
    fulfillmentStatus: String!
    currency: String!
    totals: OrderTotals!
    lines: [CustomerOrderLine!]!
    shippingAddress: Address!
    "when each status was first reached, by status"
    milestones: JSON!
    createdAt: String!
    updatedAt: String!
  }

  "A line of a customer's order."
  type CustomerOrderLine {
    id: ID!
    sku: String!
    name: String!
    quantity: Int!
    unitPriceMinor: MinorUnits!
    taxMinor: MinorUnits!
    totalMinor: MinorUnits!
  }

  "Who placed the order."
  type Customer {
    "the customer's id in the selling system"
    id: String
    name: String!
    email: String
  }

  "A postal address."
  type Address {
    name: String!
    company: String
    line1: String!
    line2: String
    city: String!
    region: String
    postalCode: String
    "ISO 3166-1 alpha-2"
    country: String!
    phone: String
    email: String
  }

  "What the order costs, in minor units of its currency."
  type OrderTotals {
    subtotalMinor: MinorUnits!
    discountMinor: MinorUnits!
    taxMinor: MinorUnits!
    shippingMinor: MinorUnits!
    totalMinor: MinorUnits!
    refundedMinor: MinorUnits!
    paidMinor: MinorUnits!
    balanceDueMinor: MinorUnits!
  }

  "Why and how the order was cancelled."
  type Cancellation {
    reason: String!
    at: String!
    restock: Boolean!
    refund: Boolean!
  }

  "One line of an order, at its frozen price."
  type OrderLine {
    id: ID!
    sku: String!
    barcode: String
    name: String!
    quantity: Int!
    unitPriceMinor: MinorUnits!
    "tax rate in basis points (2000 = 20%)"
    taxRateBps: Int!
    discountMinor: MinorUnits!
    taxMinor: MinorUnits!
    totalMinor: MinorUnits!
    cancelledQuantity: Int
    refundedQuantity: Int
    metadata: JSON!
  }

  "The part of an order one warehouse packs and ships."
  type FulfillmentOrder {
    id: ID!
    orderId: ID!
    orderNumber: String!
    warehouseId: ID!
    "pending, in_progress, on_hold, shipped, cancelled..."
    status: String!
    holds: [String!]!
    "the station holding it, if any"
    claimedBy: ID
    lines: [FulfillmentLine!]!
    packages: [Package!]!
    "the order it belongs to (read again, with your scope)"
    order: Order!
  }

  "A line of a fulfillment order with its progress."
  type FulfillmentLine {
    lineId: ID!
    sku: String!
    barcode: String
    name: String!
    quantity: Int!
    verified: Int!
    packed: Int!
    shipped: Int!
  }

  "A package of a fulfillment order."
  type Package {
    id: ID!
    status: String!
    weightGrams: Int
    trackingNumber: String
    carrier: String
    createdAt: String!
    shippedAt: String
  }

  "An order's payments and refunds."
  type OrderPayments {
    payments: [Payment!]!
    refunds: [Refund!]!
  }

  "A payment record from the payment provider."
  type Payment {
    id: ID!
    provider: String!
    reference: String!
    "authorized, captured, failed or voided"
    status: String!
    amountMinor: MinorUnits!
    currency: String!
    failureReason: String
    createdAt: String!
  }

  "Money given back."
  type Refund {
    id: ID!
    amountMinor: MinorUnits!
    shippingMinor: MinorUnits!
    currency: String!
    kind: String!
    reason: String!
    "original_method or store_credit"
    destination: String!
    "succeeded or failed"
    status: String!
    lines: [RefundLine!]!
    actor: Actor!
    createdAt: String!
  }

  "The part of a refund for one order line."
  type RefundLine {
    lineId: ID!
    quantity: Int!
    amountMinor: MinorUnits!
  }

  "Who did something: a person, a station, an API key, the system or a webhook."
  type Actor {
    "user, station, system, api or webhook"
    kind: String!
    id: String!
    name: String
  }

  "One entry of an order's timeline."
  type TimelineEvent {
    id: ID!
    position: Int!
    type: String!
    "the event in the order-lifecycle vocabulary (created, status_changed, shipped...)"
    lifecycleType: String
    actor: Actor!
    payload: JSON!
    occurredAt: String!
    recordedAt: String!
    "applied, conflicted or rejected"
    outcome: String!
    outcomeCode: String
    outcomeMessage: String
  }

  "Counts, revenue and average order value."
  type OrderStats {
    statusVocabulary: String!
    ordersCount: Int!
    countsByStatus: [StatusCount!]!
    cancellationRate: Float!
    "per currency"
    revenue: [CurrencyRevenue!]!
    "in order-management's statuses, for the currency with the most orders"
    orderStats: OrderManagementStats!
  }

  "How many orders are in one status."
  type StatusCount {
    status: String!
    count: Int!
  }

  "Revenue in one currency."
  type CurrencyRevenue {
    currency: String!
    orders: Int!
    revenueMinor: MinorUnits!
    grossMinor: MinorUnits!
    refundedMinor: MinorUnits!
    averageOrderValueMinor: MinorUnits!
  }

  "OrderStats in order-management's statuses (money in minor units)."
  type OrderManagementStats {
    currency: String
    totalOrders: Int!
    pendingOrders: Int!
    processingOrders: Int!
    shippedOrders: Int!
    deliveredOrders: Int!
    cancelledOrders: Int!
    totalRevenue: MinorUnits!
    averageOrderValue: MinorUnits!
  }

  "A refund and the order after it."
  type RefundResult {
    order: Order!
    refund: Refund!
  }

  "A priced, not yet applied edit of an order's lines; it applies only to the order version it priced, until it expires."
  type OrderQuote {
    id: ID!
    orderId: ID!
    "the order version the quote priced"
    orderVersion: Int!
    "open, applied, expired or stale (the order changed since)"
    status: String!
    currency: String!
    added: [QuotedLine!]!
    changed: [QuotedLine!]!
    removed: [QuotedLine!]!
    currentTotals: OrderTotals!
    newTotals: OrderTotals!
    "new total minus current total"
    differenceMinor: MinorUnits!
    taxDifferenceMinor: MinorUnits!
    "what the customer owes after the edit"
    toPayMinor: MinorUnits!
    "what is refunded when the edit is applied"
    toRefundMinor: MinorUnits!
    reason: String
    createdAt: String!
    expiresAt: String!
    appliedAt: String
  }

  "One line of a quoted edit, before and after (null for an added or removed line)."
  type QuotedLine {
    lineId: ID!
    sku: String!
    name: String!
    before: QuotedLinePrice
    after: QuotedLinePrice
    differenceMinor: MinorUnits!
    taxDifferenceMinor: MinorUnits!
  }

  "A line's quantity and prices."
  type QuotedLinePrice {
    quantity: Int!
    unitPriceMinor: MinorUnits!
    taxRateBps: Int!
    discountMinor: MinorUnits!
    taxMinor: MinorUnits!
    totalMinor: MinorUnits!
  }

  "An applied quote: the order after it, the quote, and the refund of what it took off a paid order (null when none)."
  type QuoteApplyResult {
    order: Order!
    quote: OrderQuote!
    refund: Refund
  }

  "An invoice or credit note: frozen lines, tax and totals, numbered INV-YYYY-NNNNNN or CN-YYYY-NNNNNN."
  type BillingDocument {
    id: ID!
    "invoice or credit_note"
    kind: String!
    number: String!
    currency: String!
    lines: [BillingLine!]!
    subtotalMinor: MinorUnits!
    discountMinor: MinorUnits!
    taxMinor: MinorUnits!
    shippingMinor: MinorUnits!
    totalMinor: MinorUnits!
    reason: String!
    "the invoice a credit note or supplementary invoice corrects"
    correctsId: ID
    issuedAt: String!
    "where its PDF is (GET, application/pdf)"
    pdfUrl: String!
  }

  "A billed line: an order line at its frozen price, shipping, or an adjustment."
  type BillingLine {
    "item, shipping or adjustment"
    kind: String!
    lineId: ID
    sku: String
    description: String!
    quantity: Int!
    unitPriceMinor: MinorUnits!
    discountMinor: MinorUnits!
    taxRateBps: Int!
    taxMinor: MinorUnits!
    totalMinor: MinorUnits!
  }

  "An edit to quote: lines to add, change and remove."
  input QuoteChangeInput {
    add: [OrderLineInput!]
    change: [QuotedLineChangeInput!]
    remove: [ID!]
    reason: String
    "how long the quote can be applied (15 minutes by default)"
    validForMinutes: Int
  }

  "A change to one line of the order."
  input QuotedLineChangeInput {
    lineId: ID!
    quantity: Int
    unitPriceMinor: MinorUnits
    taxRateBps: Int
    discountMinor: MinorUnits
    name: String
    metadata: JSON
  }

  "A new order: the body of POST /v1/orders."
  input CreateOrderInput {
    externalReference: String
    "web by default"
    channel: String
    "ISO 4217"
    currency: String!
    customer: CustomerInput!
    shippingAddress: AddressInput!
    "the shipping address when omitted"
    billingAddress: AddressInput
    lines: [OrderLineInput!]!
    shippingMinor: MinorUnits
    discountCode: String
    "regular (default), pre_order or mixed"
    orderType: String
    "payment already taken at checkout; pending when omitted"
    payment: PaymentInput
    metadata: JSON
  }

  "The customer of a new order."
  input CustomerInput {
    id: String
    name: String!
    email: String
  }

  "A postal address."
  input AddressInput {
    name: String!
    company: String
    line1: String!
    line2: String
    city: String!
    region: String
    postalCode: String
    "ISO 3166-1 alpha-2"
    country: String!
    phone: String
    email: String
  }

  "A line of a new order."
  input OrderLineInput {
    sku: String!
    barcode: String
    name: String!
    quantity: Int!
    unitPriceMinor: MinorUnits!
    taxRateBps: Int
    discountMinor: MinorUnits
    metadata: JSON
  }

  "Payment taken at checkout."
  input PaymentInput {
    "pending, authorized or paid"
    status: String!
    reference: String
    amountMinor: MinorUnits
  }

  "What to refund: an amount, lines at their frozen prices, shipping, or a refund request."
  input RefundInput {
    amountMinor: MinorUnits
    lines: [RefundLineInput!]
    refundRequestId: ID
    includeShipping: Boolean
    reason: String
    "original_method (default) or store_credit"
    destination: String
  }

  "A quantity of one order line to refund."
  input RefundLineInput {
    lineId: ID!
    quantity: Int!
  }
`;
