/**
 * Before a supervisor's cancel of a fulfillment order also cancelled its units for the customer
 * (orders/commands/cancel-units-of-cancelled-work.ts), it only cancelled the work and gave its stock
 * back: the order kept charging for those units (its total and balance due), a paid one got
 * nothing back, and one left with nothing to ship stayed open. This opens one supervisor task per
 * order left so, instead of changing its money here: since then the money may have been put right
 * by hand (a refund, the gateway, a replacement sent), which a migration cannot tell, and a refund
 * recorded here would say money moved that did not. The task's action (`cancel-units`) does what
 * the cancel does now, once a supervisor has checked.
 *
 * Found by the old cancel's trace: a `fulfillment-order-cancelled` event whose transaction (same
 * order, same recorded_at, the transaction's time) recorded nothing about the order itself; every
 * other way a fulfillment order is cancelled (the order's cancel, a partial cancel, a line edit,
 * the new cancel) records the order's change with it. Only orders still open or shipped whose
 * cancelled work held unshipped units of lines still on the order. Idempotent: an order with such
 * a task already (any status) gets no second one.
 */
export const sql = /* sql */ `
with old_cancels as (
  select distinct fo.id as fo_id, fo.order_id, fo.warehouse_id, c.recorded_at as cancelled_at, fo.doc->'lines' as lines
    from fulfillment_orders fo
    join timeline_events c on c.fulfillment_order_id = fo.id and c.type = 'fulfillment-order-cancelled'
   where fo.status = 'cancelled'
     and not exists (
       select 1 from timeline_events o
        where o.order_id = fo.order_id and o.recorded_at = c.recorded_at and o.fulfillment_order_id is null)
),
stuck as (
  select oc.order_id, oc.fo_id, oc.warehouse_id, oc.cancelled_at,
         jsonb_agg(jsonb_build_object('lineId', l->>'lineId', 'sku', l->>'sku',
                   'quantity', (l->>'quantity')::int - (l->>'shipped')::int)) as units,
         sum((l->>'quantity')::int - (l->>'shipped')::int) as unit_count
    from old_cancels oc
    cross join lateral jsonb_array_elements(oc.lines) l
    join orders o on o.id = oc.order_id
   where o.status not in ('cancelled', 'refunded')
     and (l->>'quantity')::int > (l->>'shipped')::int
     and exists (select 1 from jsonb_array_elements(o.doc->'lines') ol
                  where ol->>'id' = l->>'lineId' and (ol->>'quantity')::int > 0)
   group by oc.order_id, oc.fo_id, oc.warehouse_id, oc.cancelled_at
),
per_order as (
  select s.order_id, sum(s.unit_count)::int as unit_count,
         jsonb_agg(jsonb_build_object('fulfillmentOrderId', s.fo_id, 'warehouseId', s.warehouse_id, 'warehouse', w.code,
                   'cancelledAt', s.cancelled_at, 'units', s.units) order by s.cancelled_at) as work,
         string_agg(distinct w.code, ', ') as warehouses
    from stuck s
    join warehouses w on w.id = s.warehouse_id
   group by s.order_id
)
insert into tasks (id, kind, title, order_id, detail)
select gen_random_uuid(), 'cancelled-work-units',
       'Order ' || o.number || ' still charges for ' || p.unit_count ||
         case when p.unit_count = 1 then ' unit' else ' units' end ||
         ' of work cancelled at ' || p.warehouses ||
         ' before such a cancel also cancelled them for the customer: check whether it was put right by hand; if not, cancel them on the order',
       p.order_id,
       jsonb_build_object('code', 'cancelled_work_units_still_on_order', 'units', p.unit_count, 'fulfillmentOrders', p.work)
  from per_order p
  join orders o on o.id = p.order_id
 where not exists (select 1 from tasks t where t.kind = 'cancelled-work-units' and t.order_id = p.order_id);
`;
