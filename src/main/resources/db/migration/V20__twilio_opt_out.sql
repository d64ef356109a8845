-- Residents who replied 退订 / TD / STOP to Linli's SMS: nothing more is sent to them until they
-- reply START (the row is deleted then). The number is kept only as a keyed hash (HMAC-SHA256, the
-- same lookup hash as resident_identity for kind 'phone'), never in clear.
create table sms_opt_out (
    phone_hash     varchar(64) primary key,
    opted_out_at   timestamp with time zone not null
);
