-- What the pipeline derives from the raw events: live stream sessions, KPI rollups and the
-- directory of orchestrators (identities, GPUs, prices, discovery latencies). All of it is derived
-- state, written in the same transaction as the events it comes from, under one advisory lock
-- (see io.naap.storage.kpi.KpiLock), so that concurrent ingestions apply in some serial order.

-- One row per live stream: its lifecycle, the orchestrators that served it and its running KPI
-- figures. The full state is the jsonb document the session engine owns; the columns repeat what
-- is queried by.
create table stream_session (
    stream_id        text        not null,
    request_id       text,
    gateway          text,
    traffic          text        not null,
    workload         text,
    status           text        not null,
    started_at       timestamptz not null,
    last_event_at    timestamptz not null,
    last_arrival_at  timestamptz not null,
    closed_at        timestamptz,
    closed_arrival_at timestamptz,
    close_reason     text,
    state            jsonb       not null,

    constraint stream_session_pkey primary key (stream_id),
    constraint stream_session_stream_id_length check (char_length(stream_id) between 1 and 256),
    constraint stream_session_request_id_length
        check (request_id is null or char_length(request_id) between 1 and 256),
    constraint stream_session_traffic_value check (traffic in ('real', 'test')),
    constraint stream_session_status_value check (status in ('open', 'closed', 'final')),
    constraint stream_session_close_reason_value
        check (close_reason is null or close_reason in ('stream_closed', 'inactivity')),
    constraint stream_session_closed_consistent
        check ((status = 'open') = (closed_at is null)
               and (closed_at is null) = (close_reason is null)
               and (closed_at is null) = (closed_arrival_at is null)),
    constraint stream_session_state_object check (jsonb_typeof(state) = 'object')
);

-- Payments name a stream by request id, or only by the payment session id learnt from an earlier
-- payment of the same stream.
create index stream_session_request_idx on stream_session (request_id) where request_id is not null;
-- The inactivity sweep: open sessions by last arrival; closed ones by when they closed.
create index stream_session_open_idx on stream_session (last_arrival_at) where status = 'open';
create index stream_session_closed_idx on stream_session (closed_arrival_at) where status = 'closed';

create table stream_payment_session (
    payment_session_id text not null,
    stream_id          text not null,

    constraint stream_payment_session_pkey primary key (payment_session_id),
    constraint stream_payment_session_stream_fkey
        foreign key (stream_id) references stream_session (stream_id) on delete cascade,
    constraint stream_payment_session_id_length
        check (char_length(payment_session_id) between 1 and 256)
);

-- Payments that name a stream only by a request or payment session id not seen yet (events arrive
-- out of order): kept until a stream claims them, or rolled up on their own after the inactivity
-- and lateness windows.
create table payment_orphan (
    event_id           uuid        not null,
    request_id         text,
    payment_session_id text,
    arrival_at         timestamptz not null,
    payment            jsonb       not null,

    constraint payment_orphan_pkey primary key (event_id),
    constraint payment_orphan_named check (request_id is not null or payment_session_id is not null),
    constraint payment_orphan_payment_object check (jsonb_typeof(payment) = 'object')
);

create index payment_orphan_request_idx on payment_orphan (request_id) where request_id is not null;
create index payment_orphan_session_idx on payment_orphan (payment_session_id)
    where payment_session_id is not null;
create index payment_orphan_arrival_idx on payment_orphan (arrival_at);

-- KPI aggregates per bucket and dimensions. `stats` is an io.naap.sla.kpi.KpiAggregate in its
-- binary form: counters and mergeable percentile sketches, so an hour row is exactly the merge of
-- its minute rows, and a query over any set of rows is a merge too. Unknown dimensions are the
-- text 'unknown', never null.
create table kpi_rollup (
    bucket         text        not null,
    bucket_start   timestamptz not null,
    orchestrator   text        not null,
    workload       text        not null,
    gpu            text        not null,
    region         text        not null,
    gateway_region text        not null,
    traffic        text        not null,
    stats          bytea       not null,
    updated_at     timestamptz not null,

    constraint kpi_rollup_pkey
        primary key (bucket, bucket_start, orchestrator, workload, gpu, region, gateway_region, traffic),
    constraint kpi_rollup_bucket_value check (bucket in ('minute', 'hour', 'day')),
    constraint kpi_rollup_traffic_value check (traffic in ('real', 'test')),
    constraint kpi_rollup_dimension_length
        check (char_length(orchestrator) between 1 and 256 and char_length(workload) between 1 and 256
               and char_length(gpu) between 1 and 256 and char_length(region) between 1 and 256
               and char_length(gateway_region) between 1 and 256)
);

-- One orchestrator over a window (its KPIs), whatever the other dimensions.
create index kpi_rollup_orchestrator_idx on kpi_rollup (orchestrator, bucket, bucket_start);

-- The latest network_capabilities entry of each orchestrator: identity (on-chain and local
-- address, service URI), capacities, per-model offers, prices and GPUs.
create table orchestrator_directory (
    address       bytea       not null,
    local_address bytea,
    uri           text,
    entry         jsonb       not null,
    seen_at       timestamptz not null,

    constraint orchestrator_directory_pkey primary key (address),
    constraint orchestrator_directory_address_length check (octet_length(address) = 20),
    constraint orchestrator_directory_local_length
        check (local_address is null or octet_length(local_address) = 20),
    constraint orchestrator_directory_entry_object check (jsonb_typeof(entry) = 'object')
);

-- The latest discovery latency each gateway measured to each orchestrator (address as the
-- gateway names it): the input of region inference.
create table orchestrator_discovery (
    gateway     text        not null,
    address     bytea       not null,
    url         text,
    latency_ms  integer     not null,
    observed_at timestamptz not null,

    constraint orchestrator_discovery_pkey primary key (gateway, address),
    constraint orchestrator_discovery_address_length check (octet_length(address) = 20),
    constraint orchestrator_discovery_latency_range check (latency_ms >= 0)
);

comment on table stream_session is
    'One live stream: lifecycle, serving orchestrators and running KPIs (state); derived from telemetry_event.';
comment on column stream_session.status is
    'open; closed (by gateway_ingest_stream_closed or inactivity, still amended by events within the lateness); final (late events are no longer applied).';
comment on column stream_session.traffic is
    'test when the stream came from naap''s load generator (gateway loadgen-*), else real.';
comment on column stream_session.last_arrival_at is
    'When naap last received an event of the stream: the inactivity clock.';
comment on table kpi_rollup is
    'KPI aggregates (io.naap.sla.kpi.KpiAggregate, binary) per minute, hour and day bucket and dimensions; rollups are exact merges.';
comment on table orchestrator_directory is
    'The latest network_capabilities entry of each orchestrator, keyed by on-chain address.';
comment on table orchestrator_discovery is
    'The latest discovery latency per (gateway, orchestrator as named): region inference.';
