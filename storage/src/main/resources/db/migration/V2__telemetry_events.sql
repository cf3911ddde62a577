-- The raw telemetry store: every gateway event the pipeline accepted, every record it rejected,
-- and one audit row per ingestion call. Snapshots are recomputed from telemetry_event, so it keeps
-- each event as received (payload) next to the few fields the pipeline queries by.
--
-- Not partitioned (yet): about 4.6 million events a day is ~53 rows/s on average, which one heap
-- with four b-tree indexes absorbs easily, and a partitioned table could not keep a primary key on
-- the event id alone (a partitioned table's unique keys must contain the partition key). When a
-- retention policy is decided, the table can be rebuilt partitioned by occurred_at with primary
-- key (id, occurred_at): a redelivered event carries the same timestamp, so that key still
-- deduplicates, and old partitions are dropped instead of deleted.

create table telemetry_event (
    id           uuid        not null,
    family       text        not null,
    subtype      text,
    occurred_at  timestamptz not null,
    received_at  timestamptz not null,
    gateway      text,
    stream_id    text,
    request_id   text,
    orchestrator bytea,
    source       text        not null,
    payload      jsonb       not null,

    constraint telemetry_event_pkey primary key (id),
    -- Indexed text is bounded: a b-tree entry must stay below ~2.7 kB, and 256 characters are at
    -- most 1 kB of UTF-8. Empty strings mean "unknown" in the producer's format: stored as null.
    constraint telemetry_event_family_length check (char_length(family) between 1 and 256),
    constraint telemetry_event_subtype_length
        check (subtype is null or char_length(subtype) between 1 and 256),
    constraint telemetry_event_gateway_length
        check (gateway is null or char_length(gateway) between 1 and 256),
    constraint telemetry_event_stream_id_length
        check (stream_id is null or char_length(stream_id) between 1 and 256),
    constraint telemetry_event_request_id_length
        check (request_id is null or char_length(request_id) between 1 and 256),
    constraint telemetry_event_orchestrator_length
        check (orchestrator is null or octet_length(orchestrator) = 20),
    constraint telemetry_event_source_format check (source ~ '^[a-z][a-z0-9_-]{0,31}$'),
    constraint telemetry_event_payload_object check (jsonb_typeof(payload) = 'object')
);

-- A stream's events in event order (sessions, startup and prompt latencies, swaps).
create index telemetry_event_stream_idx on telemetry_event (stream_id, occurred_at)
    where stream_id is not null;
-- An orchestrator's events over a window (KPIs per orchestrator).
create index telemetry_event_orchestrator_idx on telemetry_event (orchestrator, occurred_at)
    where orchestrator is not null;
-- One family over a window (capabilities, discovery, payments).
create index telemetry_event_family_idx on telemetry_event (family, occurred_at);

comment on table telemetry_event is
    'Every accepted gateway telemetry event, once: deduplicated on the producer''s event id; never updated.';
comment on column telemetry_event.id is
    'The producer''s event id (envelope id); a redelivered event with a stored id is a duplicate and is not stored again.';
comment on column telemetry_event.family is
    'Event family, the envelope type (e.g. stream_trace, ai_stream_status); 1 to 256 characters.';
comment on column telemetry_event.subtype is
    'Subtype within the family (e.g. the stream_trace data.type gateway_receive_stream_request); null when the family has none.';
comment on column telemetry_event.occurred_at is
    'Event time: data.timestamp where present, else the envelope timestamp (Kafka order is not event order).';
comment on column telemetry_event.received_at is
    'When naap received the event.';
comment on column telemetry_event.gateway is
    'Gateway that emitted the event (host:port); null when the producer left it empty.';
comment on column telemetry_event.stream_id is
    'Stream the event belongs to; null for events of no stream.';
comment on column telemetry_event.request_id is
    'Request the event belongs to; null for events of no request.';
comment on column telemetry_event.orchestrator is
    'Orchestrator address (20 bytes) as the event names it, possibly a local signing address; null when unknown or not applicable.';
comment on column telemetry_event.source is
    'How the event reached naap (http, file, kafka, loadgen, ...): a lower-case code.';
comment on column telemetry_event.payload is
    'The whole event envelope as received, a JSON object (held in jsonb normal form).';

-- Every record the pipeline rejected, with the reason, for operators to inspect and replay.
create table telemetry_quarantine (
    id          bigserial   not null,
    received_at timestamptz not null,
    source      text        not null,
    reason      text        not null,
    detail      text        not null,
    event_id    text,
    raw         text        not null,

    constraint telemetry_quarantine_pkey primary key (id),
    constraint telemetry_quarantine_source_format check (source ~ '^[a-z][a-z0-9_-]{0,31}$'),
    constraint telemetry_quarantine_reason_format check (reason ~ '^[a-z][a-z0-9_.-]{0,63}$'),
    constraint telemetry_quarantine_detail_length check (char_length(detail) <= 4096),
    constraint telemetry_quarantine_event_id_length
        check (event_id is null or char_length(event_id) between 1 and 256),
    constraint telemetry_quarantine_raw_length check (char_length(raw) <= 65536)
);

-- Newest first over a time range, optionally for one reason; id breaks ties for keyset paging.
create index telemetry_quarantine_received_idx on telemetry_quarantine (received_at, id);
create index telemetry_quarantine_reason_idx on telemetry_quarantine (reason, received_at, id);

comment on table telemetry_quarantine is
    'Every telemetry record the pipeline rejected, with a machine-readable reason; never updated.';
comment on column telemetry_quarantine.id is
    'Insertion order; with received_at, the keyset for paging.';
comment on column telemetry_quarantine.received_at is
    'When naap received the record.';
comment on column telemetry_quarantine.source is
    'How the record reached naap (http, file, kafka, loadgen, ...): a lower-case code.';
comment on column telemetry_quarantine.reason is
    'Why it was rejected: a machine code (e.g. invalid_json, number_unparsable): a lower-case letter, then up to 63 of a-z 0-9 _ . -.';
comment on column telemetry_quarantine.detail is
    'Human-readable explanation (which field, which value); at most 4096 characters.';
comment on column telemetry_quarantine.event_id is
    'The event id as given, when one could be read; not necessarily a UUID.';
comment on column telemetry_quarantine.raw is
    'The record as received, at most 65536 characters (longer records are truncated by the caller).';

-- One row per ingestion call: what came in and what became of it.
create table telemetry_ingest_batch (
    id          bigserial   not null,
    source      text        not null,
    received_at timestamptz not null,
    received    integer     not null,
    accepted    integer     not null,
    duplicate   integer     not null,
    quarantined integer     not null,

    constraint telemetry_ingest_batch_pkey primary key (id),
    constraint telemetry_ingest_batch_source_format check (source ~ '^[a-z][a-z0-9_-]{0,31}$'),
    constraint telemetry_ingest_batch_counts_non_negative
        check (received >= 0 and accepted >= 0 and duplicate >= 0 and quarantined >= 0),
    constraint telemetry_ingest_batch_counts_add_up
        check (received = accepted + duplicate + quarantined)
);

create index telemetry_ingest_batch_received_idx on telemetry_ingest_batch (received_at);

comment on table telemetry_ingest_batch is
    'One row per ingestion call, written in the same transaction as its events and quarantine rows: received = accepted + duplicate + quarantined.';
comment on column telemetry_ingest_batch.id is
    'Insertion order.';
comment on column telemetry_ingest_batch.source is
    'How the records reached naap (http, file, kafka, loadgen, ...): a lower-case code.';
comment on column telemetry_ingest_batch.received_at is
    'When naap received the records of this call.';
comment on column telemetry_ingest_batch.received is
    'Records received in this call.';
comment on column telemetry_ingest_batch.accepted is
    'Events newly stored in telemetry_event by this call.';
comment on column telemetry_ingest_batch.duplicate is
    'Events not stored because their id was stored already, repeated within the call, or known to the caller as seen.';
comment on column telemetry_ingest_batch.quarantined is
    'Records stored in telemetry_quarantine by this call.';
