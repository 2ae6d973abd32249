-- Four data cubes that answer all 13 Star Schema Benchmark queries (ssb --cubes on builds them after the load).
-- Each is a materialized view over one of the join shapes the queries use; the optimizer picks the cube (and, in a
-- cube of several grouping sets, the set) for each query by itself. A dimension such as d_year next to
-- d_yearmonthnum, or c_region next to c_nation, adds no rows: it is a function of a finer dimension in the same set.

-- Q1.1-Q1.3: lineorder x date, by calendar week and month and the two filtered lineorder columns. Sorted by year,
-- discount, month, week, quantity: each query's year and discount range (every Q1 query names both) then bound the
-- row groups it reads (7, 5 and 8 of 110 at SF 10). Year, month, week first left Q1.1, which names no month, all 16
-- of its year's.
CREATE MATERIALIZED VIEW ssb_q1_cube AS
SELECT d_year, lo_discount, d_yearmonthnum, d_weeknuminyear, lo_quantity,
       sum(lo_extendedprice * lo_discount) AS revenue
FROM lineorder JOIN date ON lo_orderdate = d_datekey
GROUP BY d_year, lo_discount, d_yearmonthnum, d_weeknuminyear, lo_quantity;

-- Q2.1-Q2.3: lineorder x date x part x supplier, by brand (its category), supplier region and year.
CREATE MATERIALIZED VIEW ssb_q2_cube AS
SELECT p_category, p_brand1, s_region, d_year, sum(lo_revenue) AS revenue
FROM lineorder
JOIN date ON lo_orderdate = d_datekey
JOIN part ON lo_partkey = p_partkey
JOIN supplier ON lo_suppkey = s_suppkey
GROUP BY p_category, p_brand1, s_region, d_year;

-- Q3.1-Q3.4: lineorder x customer x supplier x date, by nation (Q3.1), by city (Q3.2, Q3.3) and by city and month (Q3.4).
CREATE MATERIALIZED VIEW ssb_q3_cube AS
SELECT c_region, c_nation, c_city, s_region, s_nation, s_city, d_year, d_yearmonth, sum(lo_revenue) AS revenue
FROM lineorder
JOIN customer ON lo_custkey = c_custkey
JOIN supplier ON lo_suppkey = s_suppkey
JOIN date ON lo_orderdate = d_datekey
GROUP BY GROUPING SETS (
    (c_region, c_nation, s_region, s_nation, d_year),
    (c_nation, c_city, s_nation, s_city, d_year),
    (c_nation, c_city, s_nation, s_city, d_year, d_yearmonth));

-- Q4.1-Q4.3: the whole star, profit for American customers (every Q4 query asks for c_region = 'AMERICA'), by
-- customer nation and manufacturer (Q4.1), supplier nation and category (Q4.2), supplier city and brand (Q4.3).
-- A cube is sorted by its dimensions in select-list order: category before city keeps Q4.3's nation and category
-- together (one row group a year) and each row group's brands to one category's forty.
CREATE MATERIALIZED VIEW ssb_q4_cube AS
SELECT d_year, c_nation, s_region, s_nation, p_mfgr, p_category, s_city, p_brand1,
       sum(lo_revenue - lo_supplycost) AS profit
FROM lineorder
JOIN date ON lo_orderdate = d_datekey
JOIN customer ON lo_custkey = c_custkey
JOIN supplier ON lo_suppkey = s_suppkey
JOIN part ON lo_partkey = p_partkey
WHERE c_region = 'AMERICA'
GROUP BY GROUPING SETS (
    (d_year, c_nation, s_region, p_mfgr),
    (d_year, s_region, s_nation, p_mfgr, p_category),
    (d_year, s_nation, s_city, p_category, p_brand1));
