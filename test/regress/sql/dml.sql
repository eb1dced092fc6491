-- dml: INSERT / UPDATE / DELETE, RETURNING, defaults, constraints, row counts
CREATE TABLE dml_t (id int NOT NULL, val text DEFAULT 'none', n int);
INSERT INTO dml_t VALUES (1, 'one', 10);
INSERT INTO dml_t VALUES (2, 'two', 20), (3, 'three', 30), (4, NULL, NULL);
INSERT INTO dml_t (id) VALUES (5);
INSERT INTO dml_t (id, n) VALUES (6, DEFAULT), (7, 70);
INSERT INTO dml_t VALUES (8, 'eight', 80) RETURNING id, val, n * 2 AS double_n;
SELECT * FROM dml_t ORDER BY id;
-- NOT NULL violation
INSERT INTO dml_t VALUES (NULL, 'x', 1);
INSERT INTO dml_t (val) VALUES ('no id');
-- INSERT ... SELECT
CREATE TABLE dml_copy (id int, val text);
INSERT INTO dml_copy SELECT id, val FROM dml_t WHERE id > 5;
SELECT * FROM dml_copy ORDER BY id;
-- UPDATE
UPDATE dml_t SET n = n + 1 WHERE id <= 3;
UPDATE dml_t SET val = upper(val), n = 0 WHERE id = 2 RETURNING *;
UPDATE dml_t SET n = NULL WHERE false;
UPDATE dml_t SET id = NULL WHERE id = 1;
-- a statement does not see its own changes
UPDATE dml_t SET n = n * 10 WHERE n IS NOT NULL;
SELECT * FROM dml_t ORDER BY id;
-- DELETE
DELETE FROM dml_t WHERE id = 4;
DELETE FROM dml_t WHERE id > 6 RETURNING id, val;
DELETE FROM dml_t WHERE id IN (SELECT id FROM dml_copy);
SELECT * FROM dml_t ORDER BY id;
DELETE FROM dml_t;
SELECT count(*) FROM dml_t;
-- transactions
BEGIN;
INSERT INTO dml_copy VALUES (100, 'in xact');
SELECT count(*) FROM dml_copy;
ROLLBACK;
SELECT count(*) FROM dml_copy;
DROP TABLE dml_t;
DROP TABLE dml_copy;
