-- WeChat evidence belongs to the work order it was sent for, photos are downloaded before WeChat
-- forgets them (3 days), and place labels (addresses) are encrypted at rest. H2 and PostgreSQL.

-- The order a photo or place was sent for: set when the order is opened after the photo, or when
-- the photo arrives while an order of the conversation is open.
alter table wechat_evidence add column work_order_id bigint;
alter table wechat_evidence add constraint fk_wechat_evidence_order
    foreign key (work_order_id) references work_order (id);
create index ix_wechat_evidence_order on wechat_evidence (work_order_id);

-- The label (an address) encrypted with the data key. Rows written before this migration keep
-- their plain `label` until the application encrypts them (WeChatEvidence.encryptLegacyLabels,
-- at start and on every media run); readers fall back to it until then.
alter table wechat_evidence add column label_enc varchar(2048);

-- The photo's download: pending -> fetching (a node holds it until media_next_at) -> stored, or
-- refused (expired, too large, not an image) / failed (gave up); purged by retention.
alter table wechat_evidence add column media_status varchar(12);
alter table wechat_evidence add column media_attempts integer default 0 not null;
alter table wechat_evidence add column media_next_at timestamp with time zone;
alter table wechat_evidence add column media_error varchar(200);
alter table wechat_evidence add column purged_at timestamp with time zone;
update wechat_evidence set media_status = 'pending', media_next_at = created_at
    where kind = 'image' and media_id is not null;
create index ix_wechat_evidence_media on wechat_evidence (media_status, media_next_at);

-- The photo itself (at most linli.wechat.media-max-bytes), shown only to staff who may see the
-- order; every view is audited. `bytea` is BINARY VARYING in H2.
create table wechat_media (
    evidence_id   bigint primary key references wechat_evidence (id),
    content_type  varchar(32) not null,
    size_bytes    integer not null,
    bytes         bytea not null,
    stored_at     timestamp with time zone not null
);
