-- Names order by code point on every store: H2 compares strings so already (PostgreSQL needs
-- COLLATE "C", see migration-postgresql). Kept so that both stores carry the same versions.
COMMENT ON TABLE keypair IS 'Key pairs of all projects; names order by code point';
