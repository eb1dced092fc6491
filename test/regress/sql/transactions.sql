--
-- transactions: implicit blocks of multi-statement query strings (psql's
-- \; sends the statements of one line as one simple Query), and when a
-- transaction's isolation level may change.
--
CREATE TABLE xb (a int);
-- all statements of one string commit or fail together
INSERT INTO xb VALUES (1) \; INSERT INTO xb VALUES (2) \; SELECT a FROM xb ORDER BY a;
INSERT INTO xb VALUES (3) \; SELECT 1/0 \; INSERT INTO xb VALUES (4);
SELECT a FROM xb ORDER BY a;
-- statements that must run outside any block fail inside the string's block
VACUUM xb \; SELECT 1;
SELECT 1 \; VACUUM xb;
VACUUM xb \; VACUUM xb;
CREATE INDEX CONCURRENTLY xb_a ON xb (a) \; SELECT 1;
SELECT count(*) FROM pg_class WHERE relname = 'xb_a';
-- a single VACUUM runs
VACUUM xb;
-- BEGIN inside the string makes its implicit block the client's: the
-- insert before BEGIN is rolled back with the rest
INSERT INTO xb VALUES (5) \; BEGIN \; INSERT INTO xb VALUES (6);
ROLLBACK;
SELECT a FROM xb ORDER BY a;
-- COMMIT and ROLLBACK end the implicit block (with a warning); the next
-- statement starts another one
INSERT INTO xb VALUES (7) \; COMMIT \; INSERT INTO xb VALUES (8) \; ROLLBACK \; SELECT a FROM xb ORDER BY a;
COMMIT \; VACUUM xb;
BEGIN \; SELECT 1 \; COMMIT \; SELECT 2;
-- savepoints need an explicit block
SELECT 1 \; SAVEPOINT s;
SELECT 1 \; RELEASE SAVEPOINT s;
SELECT 1 \; ROLLBACK TO SAVEPOINT s;
-- the isolation level is fixed by the first query and not set in a savepoint
BEGIN;
SELECT count(*) FROM xb;
SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;
ROLLBACK;
BEGIN;
SELECT count(*) FROM xb;
SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
SHOW transaction_isolation;
COMMIT;
BEGIN;
SAVEPOINT s;
SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;
ROLLBACK;
BEGIN;
SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;
SHOW transaction_isolation;
COMMIT;
SELECT 1 \; BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT 1 \; BEGIN ISOLATION LEVEL READ COMMITTED \; SHOW transaction_isolation;
COMMIT;
SET transaction_isolation = 'repeatable read';
SHOW transaction_isolation;
DROP TABLE xb;
