-- Message texts and work-order history details hold what residents write (addresses, ID numbers,
-- illnesses) and what staff answer: from now on stored only encrypted with the data key
-- (AES-GCM, base64), as V92 did for a work order's summary and place. The plain columns stay for
-- rows written before this migration, and for the fixed empty text of a purged message and the
-- marker of an erased detail: the application encrypts older rows at start (MessageEncryption,
-- WorkOrderEncryption) and reads the plain column of a row until it has. H2 and PostgreSQL.
-- Sizes: a 16,000-character text is at most 48,000 UTF-8 bytes, 64,040 base64 characters sealed.
alter table message add column text_enc varchar(64100);
alter table message alter column text drop not null;
alter table work_order_event add column detail_enc varchar(16100);
-- What staff and residents write on the order itself: why it was transferred, how it was
-- resolved, the resident's comment with the rating (at most 2,000 characters each).
alter table work_order add column transfer_reason_enc varchar(8100);
alter table work_order add column resolution_enc varchar(8100);
alter table work_order add column rating_comment_enc varchar(8100);
-- The dialogue state holds a report form in progress (what happened, where: often an address)
-- and the last reply: from now on stored encrypted as a whole ("enc:" + base64), which needs room
-- for the base64 of a state that is itself URL-encoded text.
alter table conversation alter column state set data type varchar(64100);
-- Outbound messages (staff replies, notices with a resolution in them) wait and stay in the outbox
-- until retention empties them: their text is stored encrypted too (at most 4,000 characters).
alter table outbox add column text_enc varchar(16100);
alter table outbox alter column text drop not null;
-- Where a member of staff goes on a home visit: a resident's home address (at most 500 characters).
alter table home_visit add column address_enc varchar(2100);
alter table home_visit alter column address drop not null;
-- An administrator's free-text note on a resident's need for extra help (at most 500 characters).
alter table resident_support add column note_enc varchar(2100);
