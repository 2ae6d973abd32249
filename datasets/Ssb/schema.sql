-- The Star Schema Benchmark tables in dbgen's column order (../shared/ssb/SPEC.md section 2).
-- Money is integer cents and dates are yyyymmdd integers, as dbgen writes them.
-- The fact table is stored in order-date order, so date ranges skip row groups.
CREATE TABLE lineorder (
    lo_orderkey INTEGER,
    lo_linenumber INTEGER,
    lo_custkey INTEGER,
    lo_partkey INTEGER,
    lo_suppkey INTEGER,
    lo_orderdate INTEGER,
    lo_orderpriority VARCHAR,
    lo_shippriority VARCHAR,
    lo_quantity INTEGER,
    lo_extendedprice INTEGER,
    lo_ordtotalprice INTEGER,
    lo_discount INTEGER,
    lo_revenue INTEGER,
    lo_supplycost INTEGER,
    lo_tax INTEGER,
    lo_commitdate INTEGER,
    lo_shipmode VARCHAR
) SORTED BY (lo_orderdate);

CREATE TABLE customer (
    c_custkey INTEGER,
    c_name VARCHAR,
    c_address VARCHAR,
    c_city VARCHAR,
    c_nation VARCHAR,
    c_region VARCHAR,
    c_phone VARCHAR,
    c_mktsegment VARCHAR
);

CREATE TABLE supplier (
    s_suppkey INTEGER,
    s_name VARCHAR,
    s_address VARCHAR,
    s_city VARCHAR,
    s_nation VARCHAR,
    s_region VARCHAR,
    s_phone VARCHAR
);

CREATE TABLE part (
    p_partkey INTEGER,
    p_name VARCHAR,
    p_mfgr VARCHAR,
    p_category VARCHAR,
    p_brand1 VARCHAR,
    p_color VARCHAR,
    p_type VARCHAR,
    p_size INTEGER,
    p_container VARCHAR
);

CREATE TABLE date (
    d_datekey INTEGER,
    d_date VARCHAR,
    d_dayofweek VARCHAR,
    d_month VARCHAR,
    d_year INTEGER,
    d_yearmonthnum INTEGER,
    d_yearmonth VARCHAR,
    d_daynuminweek INTEGER,
    d_daynuminmonth INTEGER,
    d_daynuminyear INTEGER,
    d_monthnuminyear INTEGER,
    d_weeknuminyear INTEGER,
    d_sellingseason VARCHAR,
    d_lastdayinweekfl BOOLEAN,
    d_lastdayinmonthfl BOOLEAN,
    d_holidayfl BOOLEAN,
    d_weekdayfl BOOLEAN
);
