--
-- partition_convert.sql: RustyDB's dialect
--     ALTER TABLE t PARTITION BY RANGE (cols)
--         (PARTITION p VALUES LESS THAN (...) | (MAXVALUE), ...)
-- (maintenance guide, ERRATA 5), which converts a table into a partitioned
-- one in the current transaction.  PostgreSQL cannot run it: the expected
-- output was written by hand.  Each error of a faulty statement carries the
-- SQLSTATE, message, detail and hint PostgreSQL 15 gives for the equivalent
--     CREATE TABLE t (...) PARTITION BY RANGE (cols);
--     CREATE TABLE p PARTITION OF t FOR VALUES FROM (previous bound) TO (bound);
-- and leaves the table unchanged.  A PRIMARY KEY without the partition key
-- (the guide's orders(id PRIMARY KEY)) stays enforced across partitions
-- (RustyDB extension, executor/execPartition.c).
--
\set VERBOSITY default
CREATE TABLE pc_customers (id int PRIMARY KEY, name text);
INSERT INTO pc_customers SELECT g, 'c' || g FROM generate_series(0, 9) g;
CREATE TABLE pc_orders (
    id int PRIMARY KEY,
    customer_id int NOT NULL REFERENCES pc_customers,
    order_date date NOT NULL,
    amount numeric(10,2) DEFAULT 0 CHECK (amount >= 0),
    note varchar(3),
    flag bool
);
INSERT INTO pc_orders (id, customer_id, order_date, amount)
SELECT g, g % 7, DATE '2024-01-01' + g * 3, g FROM generate_series(1, 200) g;
CREATE TABLE pc_items (id int PRIMARY KEY, order_id int REFERENCES pc_orders (id), qty int);
INSERT INTO pc_items SELECT g, g * 2, 1 FROM generate_series(1, 50) g;
CREATE VIEW pc_big_orders AS SELECT id, amount FROM pc_orders WHERE amount > 197;
SELECT oid AS orders_oid, relowner AS orders_owner FROM pg_class WHERE relname = 'pc_orders' \gset

-- forms that do not convert: no partition list, LIST, HASH; a missing table
ALTER TABLE pc_orders PARTITION BY HASH (id);
ALTER TABLE pc_orders PARTITION BY LIST (customer_id);
ALTER TABLE pc_orders PARTITION BY RANGE (order_date);
ALTER TABLE IF EXISTS pc_missing PARTITION BY RANGE (order_date) (
    PARTITION pc_p1 VALUES LESS THAN ('2025-01-01')
);

-- the partition key
ALTER TABLE pc_orders PARTITION BY INTERVAL (order_date);
ALTER TABLE pc_orders PARTITION BY RANGE (ship_date) (
    PARTITION pc_p1 VALUES LESS THAN ('2025-01-01')
);
ALTER TABLE pc_orders PARTITION BY RANGE (xmin);
ALTER TABLE pc_orders PARTITION BY LIST (customer_id, id);
ALTER TABLE pc_orders PARTITION BY RANGE ((id + 1));

-- the bounds
ALTER TABLE pc_orders PARTITION BY LIST (customer_id) (
    PARTITION pc_p1 VALUES LESS THAN (3)
);
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_p1 VALUES LESS THAN ('2025-01-01', 3)
);
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_p1 VALUES LESS THAN ('2025-13-01')
);
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_p1 VALUES LESS THAN (NULL)
);
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_p1 VALUES LESS THAN (order_date)
);
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_p1 VALUES LESS THAN ((SELECT DATE '2025-01-01'))
);
ALTER TABLE pc_orders PARTITION BY RANGE (id) (
    PARTITION pc_p1 VALUES LESS THAN (sum(1))
);
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_p1 VALUES LESS THAN (interval '1 day')
);
ALTER TABLE pc_orders PARTITION BY RANGE (note) (
    PARTITION pc_p1 VALUES LESS THAN ('abcdef')
);
ALTER TABLE pc_orders PARTITION BY RANGE (order_date, id) (
    PARTITION pc_p1 VALUES LESS THAN (MAXVALUE, 5)
);
-- bounds must ascend: partition i holds [bound i-1, bound i)
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_p1 VALUES LESS THAN ('2026-01-01'),
    PARTITION pc_p2 VALUES LESS THAN ('2025-01-01')
);
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_p1 VALUES LESS THAN ('2025-01-01'),
    PARTITION pc_p2 VALUES LESS THAN ('2025-01-01')
);
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_p1 VALUES LESS THAN (MAXVALUE),
    PARTITION pc_p2 VALUES LESS THAN (MAXVALUE)
);
ALTER TABLE pc_orders PARTITION BY RANGE (id) (
    PARTITION pc_p1 VALUES LESS THAN (MINVALUE)
);
ALTER TABLE pc_orders PARTITION BY RANGE (id) (
    PARTITION pc_p1 VALUES LESS THAN (10),
    PARTITION pc_p2 VALUES LESS THAN (-3)
);
ALTER TABLE pc_orders PARTITION BY RANGE (amount) (
    PARTITION pc_p1 VALUES LESS THAN (10.5),
    PARTITION pc_p2 VALUES LESS THAN (2)
);
ALTER TABLE pc_orders PARTITION BY RANGE (order_date, note) (
    PARTITION pc_p1 VALUES LESS THAN ('2025-01-01', 'x''y'),
    PARTITION pc_p2 VALUES LESS THAN ('2025-01-01', 'a')
);
ALTER TABLE pc_orders PARTITION BY RANGE (flag) (
    PARTITION pc_p1 VALUES LESS THAN (true),
    PARTITION pc_p2 VALUES LESS THAN (false)
);
-- partition names: in use in the schema, or twice in the list
CREATE TABLE pc_taken (a int);
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_taken VALUES LESS THAN ('2025-01-01')
);
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_orders VALUES LESS THAN ('2025-01-01')
);
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_p1 VALUES LESS THAN ('2025-01-01'),
    PARTITION pc_p1 VALUES LESS THAN ('2026-01-01')
);
-- nothing changed
SELECT count(*), sum(amount) FROM pc_orders;
SELECT relname, relkind FROM pg_class WHERE relname LIKE 'pc\_%' ORDER BY relname;
DROP TABLE pc_taken;

-- a row outside every bound: the statement fails, the table is unchanged
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_orders_2024 VALUES LESS THAN ('2025-01-01'),
    PARTITION pc_orders_2025 VALUES LESS THAN ('2025-06-01')
);
SELECT relname, relkind FROM pg_class WHERE relname LIKE 'pc\_orders%' ORDER BY relname;

-- rolled back: everything as before
BEGIN;
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_orders_2024 VALUES LESS THAN ('2025-01-01'),
    PARTITION pc_orders_2025 VALUES LESS THAN ('2026-01-01')
);
SELECT tableoid::regclass::text, count(*) FROM pc_orders GROUP BY 1 ORDER BY 1;
ROLLBACK;
SELECT relname, relkind FROM pg_class WHERE relname LIKE 'pc\_orders%' ORDER BY relname;
SELECT count(*), sum(amount) FROM pc_orders;
INSERT INTO pc_orders (id, customer_id, order_date) VALUES (1, 1, '2025-03-03');

-- the guide's statement
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_orders_2024 VALUES LESS THAN ('2025-01-01'),
    PARTITION pc_orders_2025 VALUES LESS THAN ('2026-01-01')
);
SELECT oid = :orders_oid AS same_oid, relowner = :orders_owner AS same_owner, relkind
FROM pg_class WHERE relname = 'pc_orders';
SELECT relname, relkind, relispartition, pg_get_expr(relpartbound, oid)
FROM pg_class WHERE relname LIKE 'pc\_orders%' ORDER BY relname;
SELECT tableoid::regclass::text, count(*), min(order_date), max(order_date), sum(amount)
FROM pc_orders GROUP BY 1 ORDER BY 1;
SELECT conname, contype, conrelid::regclass::text FROM pg_constraint
WHERE conrelid::regclass::text LIKE 'pc\_orders%' ORDER BY 3, 1;
SELECT * FROM pc_big_orders ORDER BY id;

-- the key stays unique across partitions
INSERT INTO pc_orders (id, customer_id, order_date) VALUES (5, 1, '2025-03-03');
INSERT INTO pc_orders (id, customer_id, order_date) VALUES (5, 1, '2024-01-16');
INSERT INTO pc_orders (id, customer_id, order_date) VALUES (201, 1, '2024-07-07'), (201, 1, '2025-07-07');
INSERT INTO pc_orders (id, customer_id, order_date) VALUES (201, 1, '2025-07-07');
UPDATE pc_orders SET id = 7 WHERE id = 201;
UPDATE pc_orders SET order_date = '2024-12-31' WHERE id = 201;
SELECT tableoid::regclass::text, id, order_date FROM pc_orders WHERE id = 201;
COPY pc_orders (id, customer_id, order_date) FROM STDIN;
202	1	2024-08-08
9	1	2025-09-09
\.
COPY pc_orders (id, customer_id, order_date) FROM STDIN;
202	1	2024-08-08
\.
-- other constraints
INSERT INTO pc_orders (id, customer_id, order_date) VALUES (300, 1, '2027-01-01');
INSERT INTO pc_orders (id, customer_id, order_date, amount) VALUES (300, 1, '2024-01-01', -1);
INSERT INTO pc_orders (id, customer_id, order_date) VALUES (300, 42, '2024-01-01');
INSERT INTO pc_orders_2024 (id, customer_id, order_date) VALUES (300, 1, '2025-01-01');
INSERT INTO pc_orders (id, customer_id, order_date) VALUES (300, NULL, '2024-01-01');
INSERT INTO pc_items VALUES (100, 9999, 1);
INSERT INTO pc_items VALUES (100, 201, 1);
DELETE FROM pc_orders WHERE id = 201;
DELETE FROM pc_customers WHERE id = 3;
UPDATE pc_orders SET order_date = '2025-02-02' WHERE id = 4;
SELECT o.tableoid::regclass::text, o.id, i.id AS item FROM pc_orders o JOIN pc_items i ON i.order_id = o.id
WHERE o.id = 4;
SELECT id FROM pc_orders WHERE id = 4 FOR UPDATE;
SELECT tableoid FROM pc_orders JOIN pc_items ON pc_items.order_id = pc_orders.id;

-- pruning
EXPLAIN (COSTS OFF) SELECT * FROM pc_orders WHERE order_date >= '2025-01-01';
EXPLAIN (COSTS OFF) SELECT count(*) FROM pc_orders WHERE order_date < '2023-01-01';
EXPLAIN (COSTS OFF) SELECT * FROM pc_orders WHERE id = 7;

-- a multi-column key with MAXVALUE, a table without a primary key
CREATE TABLE pc_log (at date, seq int, msg text);
INSERT INTO pc_log SELECT DATE '2024-12-30' + g % 4, g, 'm' || g FROM generate_series(1, 40) g;
ALTER TABLE IF EXISTS pc_log PARTITION BY RANGE (at, seq) (
    PARTITION pc_log_p1 VALUES LESS THAN ('2025-01-01', 10),
    PARTITION pc_log_p2 VALUES LESS THAN ('2025-01-01', MAXVALUE),
    PARTITION pc_log_p3 VALUES LESS THAN (MAXVALUE, MAXVALUE)
);
SELECT relname, pg_get_expr(relpartbound, oid) FROM pg_class
WHERE relname LIKE 'pc\_log\_%' ORDER BY relname;
SELECT tableoid::regclass::text, count(*), min(at), max(at) FROM pc_log GROUP BY 1 ORDER BY 1;
ALTER TABLE pc_log PARTITION BY RANGE (seq) (PARTITION pc_log_again VALUES LESS THAN (5));

-- maintenance jobs (the admin API's queue) on a converted table process its
-- partitions, as VACUUM / REINDEX in SQL do
ALTER TABLE pc_log_p1 SET (autovacuum_enabled = false);   -- only the job removes them
ALTER TABLE pc_log_p2 SET (autovacuum_enabled = false);
ALTER TABLE pc_log_p3 SET (autovacuum_enabled = false);
DELETE FROM pc_log WHERE seq % 2 = 0;
SELECT rustydb_queue_maintenance('vacuum', ARRAY['pc_log']) > 0 AS queued;
SELECT rustydb_queue_maintenance('reindex', ARRAY['pc_log']) > 0 AS queued;
SELECT pg_sleep(3);
SELECT operation, status, tables, tuples_removed > 0 AS removed, error FROM "v$maintenance_jobs"
WHERE origin = 'sql' AND tables = 'pc_log' ORDER BY job_id;

DROP VIEW pc_big_orders;
DROP TABLE pc_items, pc_log;
DROP TABLE pc_orders;
DROP TABLE pc_customers;
SELECT count(*) FROM pg_class WHERE relname LIKE 'pc\_%';
