-- Check values of the key-encryption keys (an HMAC of a fixed label under each key, never the key):
-- written by the first server, compared by every other, so that servers sharing this database
-- refuse to start with a master key (or key-ring key) that is not the fleet's.
CREATE TABLE vault_key_check (
    key_name    VARCHAR(300) NOT NULL PRIMARY KEY,
    check_value VARCHAR(64)  NOT NULL
);
