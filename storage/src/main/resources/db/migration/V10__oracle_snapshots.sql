-- The score oracle: per epoch, the snapshot built from the KPI rollups (its scores, the canonical
-- document, its root), the operators' signatures and the publication on SlaOracle. Rows are keyed
-- by the oracle contract (chain id, address), so a redeployed contract starts a history of its own.

create table oracle_snapshot (
    chain_id       bigint      not null,
    contract       bytea       not null,
    epoch          bigint      not null,
    starts_at      timestamptz not null,
    ends_at        timestamptz not null,
    rules_version  text        not null,
    config_version bigint      not null,
    scores_root    bytea       not null,
    data_hash      bytea       not null,
    leaf_count     integer     not null,
    document       bytea       not null,
    built_at       timestamptz not null,
    status         text        not null,
    status_reason  text,
    tx_hash        bytea,
    tx_sent_at     timestamptz,
    block_number   bigint,
    gas_used       bigint,
    submitter      bytea,
    published_at   timestamptz,

    constraint oracle_snapshot_pkey primary key (chain_id, contract, epoch),
    constraint oracle_snapshot_contract_length check (octet_length(contract) = 20),
    constraint oracle_snapshot_epoch_positive check (epoch > 0),
    constraint oracle_snapshot_window check (starts_at < ends_at),
    constraint oracle_snapshot_config_version check (config_version >= 0),
    constraint oracle_snapshot_root_length check (octet_length(scores_root) = 32),
    constraint oracle_snapshot_data_hash_length check (octet_length(data_hash) = 32),
    constraint oracle_snapshot_leaf_count_positive check (leaf_count > 0),
    constraint oracle_snapshot_status
        check (status in ('built', 'submitted', 'published', 'superseded')),
    constraint oracle_snapshot_tx_hash_length check (tx_hash is null or octet_length(tx_hash) = 32),
    constraint oracle_snapshot_submitted_has_tx check (status <> 'submitted' or tx_hash is not null),
    constraint oracle_snapshot_published_complete
        check (status <> 'published'
               or (tx_hash is not null and block_number is not null and gas_used is not null
                   and published_at is not null))
);

create index oracle_snapshot_open_idx on oracle_snapshot (chain_id, contract, epoch)
    where status in ('built', 'submitted');

comment on table oracle_snapshot is
    'One score snapshot per oracle contract and epoch: what was built, and what became of its publication.';
comment on column oracle_snapshot.document is
    'The canonical snapshot JSON (UTF-8); data_hash is its keccak-256.';
comment on column oracle_snapshot.status is
    'built (signing), submitted (a transaction sent: tx_hash), published (on chain: block, gas), superseded (a later or other root holds the epoch: status_reason says which).';
comment on column oracle_snapshot.gas_used is
    'Gas used by the publishing transaction, from its receipt.';

create table oracle_score (
    chain_id          bigint           not null,
    contract          bytea            not null,
    epoch             bigint           not null,
    orchestrator      bytea            not null,
    workload          text             not null,
    workload_id       bytea            not null,
    score_bps         integer          not null,
    flags             smallint         not null,
    kpi_digest        bytea            not null,
    kpis              bytea            not null,
    gpu               text             not null,
    region            text             not null,
    prior             double precision not null,
    previous_mean     double precision,
    previous_sessions double precision,
    state_mean        double precision not null,
    state_sessions    double precision not null,
    min_score_bps     integer          not null,
    last_active_epoch bigint           not null,

    constraint oracle_score_pkey primary key (chain_id, contract, epoch, orchestrator, workload),
    constraint oracle_score_snapshot_fkey foreign key (chain_id, contract, epoch)
        references oracle_snapshot (chain_id, contract, epoch) on delete cascade,
    constraint oracle_score_orchestrator_length check (octet_length(orchestrator) = 20),
    constraint oracle_score_workload_id_length check (octet_length(workload_id) = 32),
    constraint oracle_score_kpi_digest_length check (octet_length(kpi_digest) = 32),
    constraint oracle_score_bps_range check (score_bps between 0 and 10000),
    constraint oracle_score_min_range check (min_score_bps between 0 and 10000),
    constraint oracle_score_flags_range check (flags between 0 and 255),
    constraint oracle_score_previous_both
        check ((previous_mean is null) = (previous_sessions is null))
);

create index oracle_score_orchestrator_idx on oracle_score (orchestrator, workload, epoch);

comment on table oracle_score is
    'Each leaf of a snapshot with what it was scored from: the epoch''s KPIs (kpi_digest = keccak-256 of kpis), the previous state and the prior; the explanation is recomputed from these by the rules.';

create table oracle_signature (
    chain_id       bigint      not null,
    contract       bytea       not null,
    epoch          bigint      not null,
    config_version bigint      not null,
    digest         bytea       not null,
    signer         bytea       not null,
    signature      bytea       not null,
    signed_at      timestamptz not null,

    constraint oracle_signature_pkey primary key (chain_id, contract, epoch, digest, signer),
    constraint oracle_signature_snapshot_fkey foreign key (chain_id, contract, epoch)
        references oracle_snapshot (chain_id, contract, epoch) on delete cascade,
    constraint oracle_signature_digest_length check (octet_length(digest) = 32),
    constraint oracle_signature_signer_length check (octet_length(signer) = 20),
    constraint oracle_signature_length check (octet_length(signature) = 65)
);

comment on table oracle_signature is
    'EIP-712 signatures of operators over a snapshot''s digest; a digest of an older config version or document no longer counts.';

create table sla_enrollment (
    orchestrator bytea       not null,
    workload     text        not null,
    gpu          text        not null,
    enrolled_at  timestamptz not null,

    constraint sla_enrollment_pkey primary key (orchestrator, workload),
    constraint sla_enrollment_orchestrator_length check (octet_length(orchestrator) = 20)
);

comment on table sla_enrollment is
    'Orchestrators that initialised their SLA for a workload: scored from the first epoch that ends after enrolled_at, with the prior of their GPU class until they have sessions.';

create table workload_min_score (
    workload      text        not null,
    effective_at  timestamptz not null,
    min_score_bps integer     not null,
    set_by        text        not null,

    constraint workload_min_score_pkey primary key (workload, effective_at),
    constraint workload_min_score_range check (min_score_bps between 0 and 10000)
);

comment on table workload_min_score is
    'History of the minimum score gateways require per workload; an epoch uses the latest value set before it ended, so snapshots can be recomputed.';

create table oracle_setting (
    chain_id bigint not null,
    contract bytea  not null,
    name     text   not null,
    value    text   not null,

    constraint oracle_setting_pkey primary key (chain_id, contract, name)
);

comment on table oracle_setting is
    'Settings an oracle fixes on first run and keeps, such as the genesis of its epoch schedule.';
