-- The order in which stored events became sessions and KPIs, so that a snapshot can be derived
-- again from the raw events alone (naap oracle recompute).
--
-- Sessions and KPI rollups are derived inside the ingestion's transaction, under the telemetry
-- lock, one ingestion call at a time (the events of the blocks it stored), and by the session
-- sweep, which closes idle sessions and finalises closed ones at the time it runs. The raw store
-- keeps the events and their arrival times but not where the calls began and ended, nor when the
-- sweeps ran; both change the result (a sweep decides whether a late event still counts). One row
-- per derivation step, written in the step's transaction under the lock, records them: replaying
-- the rows in order over the stored blocks rebuilds the same sessions and rollups.
--
-- A snapshot records the last step its KPIs reflect (derived_through), read under the same lock:
-- steps commit in seq order, so "every step up to derived_through" is exactly what it read.

create table telemetry_derivation (
    seq           bigint      generated always as identity,
    kind          text        not null,
    at            timestamptz not null,
    source        text,
    first_block   bigint,
    last_block    bigint,
    sweep_limit   integer,

    constraint telemetry_derivation_pkey primary key (seq),
    constraint telemetry_derivation_kind check (kind in ('events', 'sweep')),
    constraint telemetry_derivation_events
        check (kind <> 'events'
               or (source is not null and first_block is not null and first_block <= last_block)),
    constraint telemetry_derivation_sweep check (kind <> 'sweep' or sweep_limit > 0)
);

comment on table telemetry_derivation is
    'Every step that changed sessions or KPI rollups, in the order the steps committed (under the telemetry lock): an ingestion call''s events, or a sweep. Never updated.';
comment on column telemetry_derivation.seq is
    'The step''s place in the order; allocated under the telemetry lock, so steps commit in seq order.';
comment on column telemetry_derivation.kind is
    'events: the events of blocks first_block..last_block, stored by one ingestion call and applied as one batch; sweep: idle sessions closed and closed ones finalised as of at.';
comment on column telemetry_derivation.at is
    'events: when naap received the events (their arrival time, the inactivity clock); sweep: the time the sweep ran as of.';
comment on column telemetry_derivation.source is
    'events: the ingestion source (loadgen marks test traffic).';
comment on column telemetry_derivation.first_block is
    'events: the first telemetry_event_block the ingestion call wrote (its blocks have consecutive ids, allocated under the lock).';
comment on column telemetry_derivation.last_block is
    'events: the last telemetry_event_block the ingestion call wrote.';
comment on column telemetry_derivation.sweep_limit is
    'sweep: the most sessions the sweep changed at once (it takes the most idle first).';

alter table oracle_snapshot add column derived_through bigint;

comment on column oracle_snapshot.derived_through is
    'The last telemetry_derivation step the snapshot''s KPIs reflect (null for snapshots built before the log existed): what naap oracle recompute replays.';
