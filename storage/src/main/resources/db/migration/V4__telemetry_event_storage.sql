-- The raw event store, cheaper to write at the network's volume.
--
-- payload becomes text: the pipeline's strict decoder has already validated the JSON (and storage
-- checks it is an object PostgreSQL's JSON grammar accepts before a row is built), so parsing it
-- again into jsonb on every insert only cost time; text also keeps the envelope exactly as
-- received (key order, number spelling), which is what a recomputation from raw events should
-- read. Queries that need JSON operators cast (payload::jsonb).
--
-- The family and orchestrator b-trees go: KPIs per orchestrator now come from kpi_rollup, and
-- the raw store is read by stream (telemetry_event_stream_idx) or by time range for
-- recomputation, which a BRIN index on occurred_at serves at almost no write cost (events arrive
-- roughly in time order).
alter table telemetry_event drop constraint telemetry_event_payload_object;
alter table telemetry_event alter column payload type text using payload::text;
alter table telemetry_event add constraint telemetry_event_payload_object
    check (payload like '{%}');
drop index telemetry_event_orchestrator_idx;
drop index telemetry_event_family_idx;
create index telemetry_event_occurred_brin on telemetry_event using brin (occurred_at);

comment on column telemetry_event.payload is
    'The whole event envelope as received (compact, a JSON object checked before insert); cast to jsonb to query inside it.';
