--
-- partition.sql: declarative partitioning with PostgreSQL's statements
-- (CREATE TABLE ... PARTITION BY / PARTITION OF), row routing, pruning
-- visible in EXPLAIN, moving rows between partitions, DROP / TRUNCATE.
--
\set VERBOSITY default
CREATE TABLE pt_orders (
    id int NOT NULL,
    order_date date NOT NULL,
    amount int DEFAULT 7 CHECK (amount >= 0),
    PRIMARY KEY (id, order_date)
) PARTITION BY RANGE (order_date);
CREATE TABLE pt_orders_2024 PARTITION OF pt_orders
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE pt_orders_2025 PARTITION OF pt_orders
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
-- overlaps, empty ranges, wrong bound kinds
CREATE TABLE pt_bad PARTITION OF pt_orders
    FOR VALUES FROM ('2025-06-01') TO ('2027-01-01');
CREATE TABLE pt_bad PARTITION OF pt_orders
    FOR VALUES FROM ('2027-01-01') TO ('2026-01-01');
CREATE TABLE pt_bad (a int) PARTITION BY RANGE (b);
CREATE TABLE pt_bad (a int, b int, PRIMARY KEY (a)) PARTITION BY RANGE (b);
SELECT relname, relkind, relispartition, pg_get_expr(relpartbound, oid)
FROM pg_class WHERE relname LIKE 'pt\_orders%' AND relkind IN ('r', 'p') ORDER BY relname;
SELECT partstrat, partnatts FROM pg_partitioned_table
WHERE partrelid = 'pt_orders'::regclass;
SELECT inhrelid::regclass::text FROM pg_inherits
WHERE inhparent = 'pt_orders'::regclass ORDER BY 1;

-- routing
INSERT INTO pt_orders (id, order_date) VALUES (1, '2024-03-01'), (2, '2025-03-01')
RETURNING id, amount, tableoid::regclass;
INSERT INTO pt_orders SELECT g, DATE '2024-01-01' + g * 3, g FROM generate_series(3, 200) g;
INSERT INTO pt_orders VALUES (999, '2027-01-01', 1);
INSERT INTO pt_orders VALUES (999, '2024-05-01', -1);
INSERT INTO pt_orders VALUES (1, '2024-03-01', 1);
INSERT INTO pt_orders_2024 VALUES (998, '2025-03-01', 1);
SELECT tableoid::regclass::text, count(*), min(order_date), max(order_date)
FROM pt_orders GROUP BY 1 ORDER BY 1;

-- pruning
EXPLAIN (COSTS OFF) SELECT * FROM pt_orders;
EXPLAIN (COSTS OFF) SELECT * FROM pt_orders WHERE order_date >= '2025-02-01';
EXPLAIN (COSTS OFF) SELECT * FROM pt_orders WHERE order_date < '2024-01-01';
EXPLAIN (COSTS OFF) SELECT count(*) FROM pt_orders WHERE order_date = '2024-06-30' OR order_date = '2025-06-30';
SELECT count(*) FROM pt_orders WHERE order_date >= '2025-02-01';
SELECT count(*) FROM pt_orders WHERE order_date BETWEEN '2024-12-01' AND '2025-01-31';

-- joins
CREATE TABLE pt_customers (id int PRIMARY KEY, name text);
INSERT INTO pt_customers SELECT g, 'c' || g FROM generate_series(1, 10) g;
SELECT c.name, count(*) FROM pt_orders o JOIN pt_customers c ON c.id = o.id % 10 + 1
WHERE o.order_date < '2024-02-01' GROUP BY c.name ORDER BY c.name;

-- UPDATE and DELETE, rows moving between partitions
EXPLAIN (COSTS OFF) UPDATE pt_orders SET amount = 1 WHERE amount = 3;
EXPLAIN (COSTS OFF) DELETE FROM pt_orders WHERE order_date < '2024-06-01';
UPDATE pt_orders SET amount = amount + 1 WHERE order_date < '2024-01-10';
UPDATE pt_orders SET order_date = '2025-12-31' WHERE id = 1;
UPDATE pt_orders SET order_date = '2030-01-01' WHERE id = 2;
SELECT tableoid::regclass::text, id, order_date FROM pt_orders WHERE id <= 3 ORDER BY id;
DELETE FROM pt_orders WHERE order_date >= '2025-06-01';
SELECT tableoid::regclass::text, count(*) FROM pt_orders GROUP BY 1 ORDER BY 1;

-- INSERT ... ON CONFLICT through the partitioned table
INSERT INTO pt_orders VALUES (3, '2024-01-10', 50) ON CONFLICT DO NOTHING;
INSERT INTO pt_orders VALUES (3, '2024-01-10', 50), (900, '2025-09-09', 1)
ON CONFLICT (id, order_date) DO NOTHING RETURNING id;
INSERT INTO pt_orders VALUES (900, '2025-09-09', 5)
ON CONFLICT (id, order_date) DO UPDATE SET amount = pt_orders.amount + EXCLUDED.amount
RETURNING tableoid::regclass, id, amount;
INSERT INTO pt_orders VALUES (900, '2025-09-09', 5)
ON CONFLICT (id, order_date) DO UPDATE SET order_date = '2024-09-09';
EXPLAIN (COSTS OFF) INSERT INTO pt_orders VALUES (900, '2025-09-09', 5)
ON CONFLICT (id, order_date) DO NOTHING;
DELETE FROM pt_orders WHERE id = 900;

-- LIST and HASH, DEFAULT
CREATE TABLE pt_list (region text, v int) PARTITION BY LIST (region);
CREATE TABLE pt_list_eu PARTITION OF pt_list FOR VALUES IN ('de', 'fr');
CREATE TABLE pt_list_us PARTITION OF pt_list FOR VALUES IN ('us', NULL);
CREATE TABLE pt_list_bad PARTITION OF pt_list FOR VALUES IN ('fr', 'it');
INSERT INTO pt_list VALUES ('de', 1), ('us', 2), (NULL, 3);
INSERT INTO pt_list VALUES ('jp', 4);
CREATE TABLE pt_list_other PARTITION OF pt_list DEFAULT;
INSERT INTO pt_list VALUES ('jp', 4);
INSERT INTO pt_list_other VALUES ('de', 5);
INSERT INTO pt_list_other VALUES ('kr', 5);
SELECT tableoid::regclass::text, region, v FROM pt_list ORDER BY v;
EXPLAIN (COSTS OFF) SELECT * FROM pt_list WHERE region = 'fr';
EXPLAIN (COSTS OFF) SELECT * FROM pt_list WHERE region IS NULL;
CREATE TABLE pt_list_jp PARTITION OF pt_list FOR VALUES IN ('jp');
CREATE TABLE pt_hash (id int) PARTITION BY HASH (id);
CREATE TABLE pt_hash_0 PARTITION OF pt_hash FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE pt_hash_1 PARTITION OF pt_hash FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE TABLE pt_hash_bad PARTITION OF pt_hash FOR VALUES WITH (MODULUS 2, REMAINDER 2);
INSERT INTO pt_hash SELECT generate_series(1, 100);
SELECT count(*), sum(id) FROM pt_hash;
SELECT count(*) FROM pt_hash WHERE id = 42;

-- indexes on the partitioned table: every partition, existing and future
CREATE INDEX pt_orders_amount_idx ON pt_orders (amount);
CREATE TABLE pt_orders_2026 PARTITION OF pt_orders
    FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
\d pt_orders
\d+ pt_orders_2026
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM pt_orders WHERE amount = 42;
RESET enable_seqscan;
RESET enable_bitmapscan;
DROP INDEX pt_orders_2024_amount_idx;
DROP INDEX pt_orders_amount_idx;
SELECT count(*) FROM pg_class WHERE relname LIKE 'pt\_orders\_%amount%';

-- COPY routes rows; FOR UPDATE locks them in their partitions
COPY pt_orders (id, order_date, amount) FROM STDIN;
500	2024-10-10	1
501	2026-10-10	2
\.
COPY pt_orders (id, order_date, amount) FROM STDIN;
502	2028-10-10	3
\.
SELECT tableoid::regclass::text, id FROM pt_orders WHERE id >= 500 ORDER BY id FOR UPDATE;

-- ATTACH / DETACH
CREATE TABLE pt_orders_2027 (id int NOT NULL, order_date date NOT NULL,
    amount int DEFAULT 7 CONSTRAINT pt_orders_amount_check CHECK (amount >= 0));
INSERT INTO pt_orders_2027 VALUES (600, '2027-02-02', 1);
ALTER TABLE pt_orders ATTACH PARTITION pt_orders_2027
    FOR VALUES FROM ('2026-06-01') TO ('2028-01-01');
ALTER TABLE pt_orders ATTACH PARTITION pt_orders_2027
    FOR VALUES FROM ('2027-06-01') TO ('2028-01-01');
ALTER TABLE pt_orders ATTACH PARTITION pt_orders_2027
    FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
INSERT INTO pt_orders VALUES (600, '2027-02-02', 5);
INSERT INTO pt_orders VALUES (601, '2027-03-03', 5);
SELECT tableoid::regclass::text, count(*) FROM pt_orders GROUP BY 1 ORDER BY 1;
ALTER TABLE pt_orders DETACH PARTITION pt_orders_2027;
SELECT count(*) FROM pt_orders WHERE order_date >= '2027-01-01';
SELECT relispartition, pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = 'pt_orders_2027';
INSERT INTO pt_orders_2027 VALUES (602, '2030-01-01', 1);
ALTER TABLE pt_orders DETACH PARTITION pt_orders_2027;
DROP TABLE pt_orders_2027;

-- maintenance of the partitioned table covers its partitions
VACUUM pt_orders;
ANALYZE pt_orders;
SELECT relname, reltuples FROM pg_class
WHERE relname LIKE 'pt\_orders%' AND relkind IN ('r', 'p') ORDER BY relname;

-- a prepared statement's plan follows new partitions
PREPARE pt_count AS SELECT count(*) FROM pt_orders WHERE order_date >= '2026-06-01';
EXECUTE pt_count;
CREATE TABLE pt_orders_2028 PARTITION OF pt_orders
    FOR VALUES FROM ('2028-01-01') TO ('2029-01-01');
INSERT INTO pt_orders VALUES (700, '2028-05-05', 1);
EXECUTE pt_count;
DROP TABLE pt_orders_2028;
EXECUTE pt_count;
DEALLOCATE pt_count;
-- parameters: the generic plan prunes when the statement starts
PREPARE pt_since(date) AS SELECT count(*), min(order_date) FROM pt_orders WHERE order_date >= $1;
EXECUTE pt_since('2025-01-01');
EXECUTE pt_since('2024-06-01');
EXECUTE pt_since('2030-01-01');
DEALLOCATE pt_since;

-- TRUNCATE and DROP recurse
TRUNCATE pt_list;
SELECT count(*) FROM pt_list;
DROP TABLE pt_list_eu;
SELECT count(*) FROM pg_class WHERE relname LIKE 'pt\_list%';
DROP TABLE pt_list, pt_hash, pt_customers;
DROP TABLE pt_orders;
SELECT count(*) FROM pg_class WHERE relname LIKE 'pt\_%';
