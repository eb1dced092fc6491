--
-- B-tree indexes: CREATE / DROP / REINDEX, uniqueness, constraints,
-- partial and multi-column indexes, error cases.
--
CREATE TABLE users (id int, email text, score int, note text);
INSERT INTO users SELECT g, 'user' || g::text || '@example.com', g % 10, NULL FROM generate_series(1, 500) g;

-- plain, unique, default names
CREATE INDEX ON users (score);
CREATE UNIQUE INDEX users_email_idx ON users (email);
CREATE INDEX users_score_id ON users USING btree (score DESC NULLS LAST, id) INCLUDE (note);
CREATE INDEX IF NOT EXISTS users_score_id ON users (id);
CREATE INDEX ON users (score);
SELECT c.relname, i.indnatts, i.indnkeyatts, i.indisunique, i.indisvalid, i.indisready
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
 WHERE i.indrelid = to_regclass('users') ORDER BY c.relname;

-- uniqueness is enforced
INSERT INTO users VALUES (501, 'user7@example.com', 1, NULL);
INSERT INTO users VALUES (501, NULL, 1, NULL);
INSERT INTO users VALUES (502, NULL, 1, NULL);
CREATE UNIQUE INDEX users_score_key ON users (score);

-- errors
CREATE INDEX users_score_idx ON users (score);
CREATE INDEX ON users (nosuchcolumn);
CREATE INDEX ON nosuchtable (a);
CREATE INDEX ON users USING hash (id);
CREATE VIEW users_v AS SELECT * FROM users;
CREATE INDEX ON users_v (id);
DROP INDEX users;
DROP INDEX nosuchindex;
DROP INDEX IF EXISTS nosuchindex;
BEGIN;
CREATE INDEX CONCURRENTLY users_id_idx ON users (id);
ROLLBACK;

-- partial index
CREATE INDEX users_high_score ON users (id) WHERE score > 7;
SELECT indpred IS NOT NULL AS partial FROM pg_index WHERE indexrelid = to_regclass('users_high_score');

-- concurrently
CREATE INDEX CONCURRENTLY users_id_idx ON users (id);
SELECT indisvalid, indisready FROM pg_index WHERE indexrelid = to_regclass('users_id_idx');
INSERT INTO users VALUES (600, 'late@example.com', 3, 'x');

-- verification (RustyDB): 'ok' or ERROR XX002 with the block number
SELECT rustydb_verify_index('users_email_idx');
SELECT rustydb_verify_index('users_score_id', true);
SELECT rustydb_verify_index('users');

-- reindex
REINDEX INDEX users_email_idx;
REINDEX TABLE users;
REINDEX INDEX CONCURRENTLY users_id_idx;
REINDEX TABLE CONCURRENTLY users;
REINDEX INDEX users;
SELECT count(*) FROM pg_index WHERE indrelid = to_regclass('users');

-- constraints get indexes
CREATE TABLE accounts (id int PRIMARY KEY, login text UNIQUE, n int);
INSERT INTO accounts VALUES (1, 'a', 1), (2, 'b', 2);
INSERT INTO accounts VALUES (1, 'c', 3);
INSERT INTO accounts VALUES (3, 'a', 3);
ALTER TABLE accounts ADD CONSTRAINT accounts_n_key UNIQUE (n);
INSERT INTO accounts VALUES (4, 'd', 2);
SELECT c.relname, i.indisprimary, i.indisunique
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
 WHERE i.indrelid = to_regclass('accounts') ORDER BY c.relname;
DROP INDEX accounts_pkey;
CREATE TABLE dup (a int);
INSERT INTO dup VALUES (1), (1);
ALTER TABLE dup ADD PRIMARY KEY (a);

-- truncate empties indexes; drop table drops them
TRUNCATE users;
INSERT INTO users VALUES (1, 'user1@example.com', 1, NULL);
DROP INDEX CONCURRENTLY users_id_idx;
DROP VIEW users_v;
DROP TABLE users, accounts, dup;
SELECT count(*) FROM pg_class WHERE relname LIKE 'users%' OR relname LIKE 'accounts%';
