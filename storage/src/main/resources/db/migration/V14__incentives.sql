-- The incentive engine: per epoch, the SLA bonus pools of each workload distributed among the
-- orchestrators by the published SLA scores (rules incentives-*), each orchestrator's payout split
-- with its delegators, the cumulative payout tree published on SlaFeeDistributor, and the fees
-- credited on chain attributed to the workloads (a report: the protocol already paid them). Rows
-- are keyed by the distributor contract (chain id, address), so a redeployed distributor starts a
-- history of its own.

create table incentive_epoch (
    chain_id         bigint        not null,
    distributor      bytea         not null,
    epoch            bigint        not null,
    starts_at        timestamptz   not null,
    ends_at          timestamptz   not null,
    rules_version    text          not null,
    oracle           bytea         not null,
    stake_block      bigint        not null,
    payout_root      bytea,
    cumulative_total numeric(78,0) not null,
    leaf_count       integer       not null,
    unattributed_fees numeric(78,0) not null,
    data_hash        bytea         not null,
    document         bytea         not null,
    built_at         timestamptz   not null,
    status           text          not null,
    status_reason    text,
    config_version   bigint,
    tx_hash          bytea,
    tx_sent_at       timestamptz,
    block_number     bigint,
    gas_used         bigint,
    submitter        bytea,
    published_at     timestamptz,

    constraint incentive_epoch_pkey primary key (chain_id, distributor, epoch),
    constraint incentive_epoch_distributor_length check (octet_length(distributor) = 20),
    constraint incentive_epoch_oracle_length check (octet_length(oracle) = 20),
    constraint incentive_epoch_epoch_positive check (epoch > 0),
    constraint incentive_epoch_window check (starts_at < ends_at),
    constraint incentive_epoch_root_length check (payout_root is null or octet_length(payout_root) = 32),
    constraint incentive_epoch_root_leaves check ((payout_root is null) = (leaf_count = 0)),
    constraint incentive_epoch_total check (cumulative_total >= 0 and unattributed_fees >= 0),
    constraint incentive_epoch_data_hash_length check (octet_length(data_hash) = 32),
    constraint incentive_epoch_status
        check (status in ('built', 'unchanged', 'submitted', 'published', 'superseded')),
    constraint incentive_epoch_tx_hash_length check (tx_hash is null or octet_length(tx_hash) = 32),
    constraint incentive_epoch_submitted_has_tx check (status <> 'submitted' or tx_hash is not null),
    constraint incentive_epoch_published_complete
        check (status <> 'published'
               or (tx_hash is not null and block_number is not null and gas_used is not null
                   and published_at is not null and config_version is not null))
);

create index incentive_epoch_open_idx on incentive_epoch (chain_id, distributor, epoch)
    where status in ('built', 'submitted');

comment on table incentive_epoch is
    'One distribution per distributor and epoch: what was built from the epoch''s published scores, its payout tree, and what became of its publication.';
comment on column incentive_epoch.status is
    'built (signing), unchanged (no account''s amount changed: nothing to publish), submitted (a transaction sent: tx_hash), published (the root is on chain), superseded (a later root holds the distributor: status_reason says which).';
comment on column incentive_epoch.stake_block is
    'The mirrored block the fee shares and delegators'' stakes were read at.';
comment on column incentive_epoch.document is
    'The canonical distribution JSON (UTF-8); data_hash is its keccak-256.';

create table incentive_pool (
    chain_id      bigint        not null,
    distributor   bytea         not null,
    epoch         bigint        not null,
    workload      text          not null,
    funded_through numeric(78,0) not null,
    funded        numeric(78,0) not null,
    carried_in    numeric(78,0) not null,
    distributed   numeric(78,0) not null,
    carried_out   numeric(78,0) not null,
    fees_credited numeric(78,0) not null,

    constraint incentive_pool_pkey primary key (chain_id, distributor, epoch, workload),
    constraint incentive_pool_epoch_fkey foreign key (chain_id, distributor, epoch)
        references incentive_epoch (chain_id, distributor, epoch) on delete cascade,
    constraint incentive_pool_non_negative
        check (funded_through >= 0 and funded >= 0 and carried_in >= 0 and distributed >= 0
               and carried_out >= 0 and fees_credited >= 0),
    constraint incentive_pool_conserved check (funded + carried_in = distributed + carried_out)
);

comment on table incentive_pool is
    'Each workload''s bonus pool in an epoch: funded on SlaFeeDistributor for it (funded_through: everything funded for epochs up to this one, as mirrored when built; funded: what was new since the previous distribution), carried in from the previous epoch, distributed and carried on; and the fees credited on chain attributed to the workload.';

create table incentive_share (
    chain_id      bigint        not null,
    distributor   bytea         not null,
    epoch         bigint        not null,
    workload      text          not null,
    orchestrator  bytea         not null,
    amount        numeric(78,0) not null,
    fair_fees     numeric(78,0) not null,
    fees_credited numeric(78,0) not null,
    qualifies     boolean       not null,
    explanation   jsonb         not null,

    constraint incentive_share_pkey primary key (chain_id, distributor, epoch, workload, orchestrator),
    constraint incentive_share_pool_fkey foreign key (chain_id, distributor, epoch, workload)
        references incentive_pool (chain_id, distributor, epoch, workload) on delete cascade,
    constraint incentive_share_orchestrator_length check (octet_length(orchestrator) = 20),
    constraint incentive_share_non_negative check (amount >= 0 and fair_fees >= 0 and fees_credited >= 0)
);

create index incentive_share_orchestrator_idx on incentive_share (orchestrator, chain_id, distributor, epoch);

comment on table incentive_share is
    'An orchestrator''s part of a workload''s pool: amount (bonus, paid by claims), fair_fees (what the same rules would give it of the workload''s credited fees), fees_credited (what the protocol actually credited it, attributed to the workload), with the explanation of every factor.';

create table incentive_split (
    chain_id      bigint        not null,
    distributor   bytea         not null,
    epoch         bigint        not null,
    kind          text          not null,
    orchestrator  bytea         not null,
    account       bytea         not null,
    role          text          not null,
    amount        numeric(78,0) not null,
    stake         numeric(78,0),
    fee_share_ppm bigint,

    constraint incentive_split_pkey primary key (chain_id, distributor, epoch, kind, orchestrator, account, role),
    constraint incentive_split_epoch_fkey foreign key (chain_id, distributor, epoch)
        references incentive_epoch (chain_id, distributor, epoch) on delete cascade,
    constraint incentive_split_kind check (kind in ('bonus', 'fees')),
    constraint incentive_split_role check (role in ('orchestrator', 'delegator')),
    constraint incentive_split_orchestrator_length check (octet_length(orchestrator) = 20),
    constraint incentive_split_account_length check (octet_length(account) = 20),
    constraint incentive_split_non_negative check (amount >= 0 and (stake is null or stake >= 0)),
    constraint incentive_split_fee_share check (fee_share_ppm is null or fee_share_ppm between 0 and 1000000)
);

create index incentive_split_account_idx on incentive_split (account, chain_id, distributor, epoch);

comment on table incentive_split is
    'How an orchestrator''s epoch total of one kind (bonus: paid by claims; fees: credited by the protocol) reaches accounts: the orchestrator''s commission (role orchestrator) and each delegator''s part by stake (role delegator, the orchestrator''s own bond included).';

create table incentive_cumulative (
    chain_id    bigint        not null,
    distributor bytea         not null,
    epoch       bigint        not null,
    account     bytea         not null,
    cumulative  numeric(78,0) not null,

    constraint incentive_cumulative_pkey primary key (chain_id, distributor, account, epoch),
    constraint incentive_cumulative_epoch_fkey foreign key (chain_id, distributor, epoch)
        references incentive_epoch (chain_id, distributor, epoch) on delete cascade,
    constraint incentive_cumulative_account_length check (octet_length(account) = 20),
    constraint incentive_cumulative_positive check (cumulative > 0)
);

comment on table incentive_cumulative is
    'An account''s cumulative bonus after an epoch in which it changed; the payout tree of epoch E holds each account''s latest row at or before E.';

create table incentive_signature (
    chain_id       bigint      not null,
    distributor    bytea       not null,
    epoch          bigint      not null,
    config_version bigint      not null,
    digest         bytea       not null,
    signer         bytea       not null,
    signature      bytea       not null,
    signed_at      timestamptz not null,

    constraint incentive_signature_pkey primary key (chain_id, distributor, epoch, digest, signer),
    constraint incentive_signature_epoch_fkey foreign key (chain_id, distributor, epoch)
        references incentive_epoch (chain_id, distributor, epoch) on delete cascade,
    constraint incentive_signature_digest_length check (octet_length(digest) = 32),
    constraint incentive_signature_signer_length check (octet_length(signer) = 20),
    constraint incentive_signature_length check (octet_length(signature) = 65)
);

comment on table incentive_signature is
    'EIP-712 PayoutRoot signatures of oracle operators over an epoch''s digest; one made for an older config version no longer counts.';
