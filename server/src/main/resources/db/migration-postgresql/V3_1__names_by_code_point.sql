-- Names order by code point on every store (H2 compares them so already): listing pages alike
-- whatever the database's default collation.
ALTER TABLE keypair ALTER COLUMN name TYPE VARCHAR(255) COLLATE "C";
ALTER TABLE deleted_keypair_name ALTER COLUMN name TYPE VARCHAR(255) COLLATE "C";
