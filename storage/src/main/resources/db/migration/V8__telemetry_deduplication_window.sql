-- Deduplication by a window of recent ids held in memory, instead of a primary key on every id.
--
-- Measured (docs/BENCHMARKS.md, 2026-11-28): the key rows of telemetry_event, one per stored event
-- with a primary key on the producer's random uuid, took three quarters of the server's time during
-- ingestion (a random insertion into a b-tree of millions of ids: ~5 microseconds of server CPU an
-- event, most of what ingestion may spend), and their index grew by ~42 bytes an event forever.
-- Deduplication is what they were for; redeliveries come within minutes or hours. So:
--
-- * each block carries the ids of its events (column ids: 16 bytes each, as uuid_send writes
--   them, in no meaningful order), stored uncompressed next to the compressed records;
-- * naap keeps the ids of the blocks received within a window (24 hours by default) in memory,
--   loads them from ids when it starts, and reads the ids of every block committed since before
--   each ingestion decides (TelemetryStore, DeduplicationWindow). Every writer takes the same
--   advisory lock before it draws block ids from the sequence (cache 1), so block ids increase in
--   commit order and "every block after the last one read" is exact, across processes;
-- * telemetry_event goes. An id received again after the window is stored again.

alter table telemetry_event_block add column ids bytea;

-- random bytes: PostgreSQL's compression would only cost time
alter table telemetry_event_block alter column ids set storage external;

update telemetry_event_block b
set ids = k.ids
from (select block_id, string_agg(uuid_send(id), ''::bytea order by id) as ids
      from telemetry_event
      group by block_id) k
where k.block_id = b.id;

alter table telemetry_event_block alter column ids set not null;

alter table telemetry_event_block add constraint telemetry_event_block_ids_length
    check (octet_length(ids) = 16 * events);

-- the window is loaded by the time blocks were received
create index telemetry_event_block_received_idx on telemetry_event_block (received_at);

-- block ids must increase in commit order under the writers' lock: no per-session cache
alter table telemetry_event_block alter column id set cache 1;

drop table telemetry_event;

comment on column telemetry_event_block.ids is
    'The ids of the block''s events, 16 bytes each (uuid_send), in no meaningful order: what deduplication reads.';
comment on table telemetry_event_block is
    'Accepted gateway events, stored together: the records of one ingestion call (or part of one) in arrival order, compressed, and their ids. An event id is stored once within the deduplication window. Never updated.';
