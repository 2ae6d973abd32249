namespace Olap.Query.Tests.Differential;

/// <summary>
/// Queries written by hand over the differential data (<c>sales</c> with <c>customer</c>, <c>product</c> and
/// <c>store</c>), one area of SQL per group. A query is compared in order only where its ORDER BY ends in a
/// unique key, so that there is one right order.
/// </summary>
internal static class HandWrittenQueries
{
    /// <summary>A named query; <paramref name="Ordered"/> when its rows must come in the order given.</summary>
    internal sealed record Query(string Name, string Sql, bool Ordered = false);

    public static readonly IReadOnlyList<Query> All =
    [
        // Filters of a column with a constant: pushed into the scan.
        new("all rows and columns of the fact table", "SELECT * FROM sales"),
        new("customer table", "SELECT * FROM customer"),
        new("product table", "SELECT * FROM product"),
        new("store table with duplicate keys", "SELECT * FROM store"),
        new("integer range", "SELECT id, qty FROM sales WHERE qty >= 10 AND qty < 20"),
        new("negative smallints", "SELECT id, qty FROM sales WHERE qty < 0"),
        new("constant on the left of the comparison", "SELECT id FROM sales WHERE 45 < qty"),
        new("equality on a low-cardinality string", "SELECT id, channel FROM sales WHERE channel = 'web'"),
        new("the empty string is a value, not NULL", "SELECT id, channel FROM sales WHERE channel = ''"),
        new("inequality on a string excludes NULL", "SELECT count(*) FROM sales WHERE channel <> 'web'"),
        new("string range on a high-cardinality column", "SELECT id, note FROM sales WHERE note >= 'nm' AND note < 'no'"),
        new("decimal comparison", "SELECT id, amount FROM sales WHERE amount > 9000.00"),
        new("decimal equality with fewer digits", "SELECT id, amount FROM sales WHERE amount <= -50.5"),
        new("double comparison", "SELECT id, price FROM sales WHERE price <= 12.5"),
        new("bigint comparison", "SELECT id, units FROM sales WHERE units > 3900000000000000"),
        new("bigint key equality", "SELECT id FROM sales WHERE prod_id = 1000000017"),
        new("date range with BETWEEN", "SELECT id, sale_date FROM sales WHERE sale_date BETWEEN DATE '2021-01-01' AND DATE '2021-03-31'"),
        new("date equality", "SELECT id FROM sales WHERE sale_date = DATE '2022-02-28'"),
        new("boolean equals true", "SELECT id FROM sales WHERE returned = true"),
        new("boolean column as the predicate", "SELECT id FROM sales WHERE returned"),
        new("NOT of a boolean column", "SELECT id FROM sales WHERE NOT returned"),
        new("IS NULL", "SELECT id FROM sales WHERE cust_id IS NULL"),
        new("IS NOT NULL", "SELECT count(*) FROM sales WHERE note IS NOT NULL"),
        new("IN list of integers", "SELECT id, store_id FROM sales WHERE store_id IN (1, 2, 3, 40)"),
        new("IN list of strings with the empty string", "SELECT id FROM sales WHERE channel IN ('web', '')"),
        new("NOT IN list", "SELECT count(*) FROM sales WHERE qty NOT IN (1, 2, 3)"),
        new("OR of two columns", "SELECT id FROM sales WHERE channel = 'mail' OR qty > 45"),
        new("filter that no row passes", "SELECT id, qty FROM sales WHERE qty > 1000"),
        new("comparison of two columns", "SELECT id FROM sales WHERE qty > store_id"),
        new("date at the last day", "SELECT id, sale_date FROM sales WHERE sale_date >= DATE '2023-12-31'"),
        new("ids at the boundary of two segments", "SELECT id, qty FROM sales WHERE id BETWEEN 2699 AND 2702"),
        new("ids beyond the last row", "SELECT count(*) FROM sales WHERE id > 6000"),
        new("IN list that matches nothing", "SELECT id FROM sales WHERE channel IN ('fax', 'telex')"),
        new("several filters on several types", "SELECT id FROM sales WHERE qty BETWEEN 5 AND 30 AND amount > 100.00 AND sale_date >= DATE '2022-01-01' AND channel = 'store'"),

        // Aggregates.
        new("count variants", "SELECT count(*), count(cust_id), count(note), count(DISTINCT channel) FROM sales"),
        new("sum of every numeric type", "SELECT sum(qty), sum(amount), sum(price), sum(cust_id), sum(prod_id) FROM sales"),
        new("sum of bigint needs more than 64 bits", "SELECT sum(units) FROM sales"),
        new("avg of every numeric type", "SELECT avg(qty), avg(amount), avg(price), avg(units) FROM sales"),
        new("min and max of numbers", "SELECT min(qty), max(qty), min(amount), max(amount), min(price), max(price), min(units), max(units) FROM sales"),
        new("min and max of strings and dates", "SELECT min(channel), max(channel), min(note), max(note), min(sale_date), max(sale_date) FROM sales"),
        new("aggregates of no rows", "SELECT count(*), count(qty), sum(qty), avg(price), min(note), max(sale_date) FROM sales WHERE qty > 1000"),
        new("group by a low-cardinality string", "SELECT channel, count(*), sum(amount), avg(price) FROM sales GROUP BY channel"),
        new("group by a boolean with a NULL group", "SELECT returned, count(*), sum(qty) FROM sales GROUP BY returned"),
        new("group by several keys", "SELECT channel, returned, store_id, count(*), sum(qty), min(amount), max(price) FROM sales GROUP BY channel, returned, store_id"),
        new("group by a date", "SELECT sale_date, count(*), sum(amount) FROM sales GROUP BY sale_date"),
        new("group by a high-cardinality string", "SELECT note, count(*), max(id) FROM sales GROUP BY note"),
        new("group by a key that is not selected", "SELECT count(*), sum(units) FROM sales GROUP BY store_id"),
        new("group by a decimal", "SELECT amount, count(*) FROM sales WHERE amount < 0 GROUP BY amount"),
        new("group by a double", "SELECT price, count(*) FROM sales WHERE price < 0 GROUP BY price"),
        new("group by a bigint key with a hugeint sum", "SELECT prod_id, sum(units), count(units) FROM sales GROUP BY prod_id"),
        new("group by a column position", "SELECT channel, count(*) FROM sales GROUP BY 1"),
        new("group by the join key of both tables", "SELECT f.cust_id, c.c_id, count(*) FROM sales f JOIN customer c ON f.cust_id = c.c_id GROUP BY f.cust_id, c.c_id"),
        new("HAVING on count", "SELECT store_id, count(*) FROM sales GROUP BY store_id HAVING count(*) > 150"),
        new("HAVING on a sum that is not selected", "SELECT qty, count(*) FROM sales GROUP BY qty HAVING sum(price) > 5000"),
        new("count distinct per group", "SELECT channel, count(DISTINCT cust_id), count(DISTINCT sale_date), count(*) FROM sales GROUP BY channel"),
        new("count distinct of every type", "SELECT count(DISTINCT qty), count(DISTINCT amount), count(DISTINCT price), count(DISTINCT units), count(DISTINCT note), count(DISTINCT sale_date), count(DISTINCT returned) FROM sales"),
        new("sum of a group whose values are all NULL", "SELECT store_id, sum(qty), avg(qty), min(qty), count(qty) FROM sales WHERE qty IS NULL GROUP BY store_id"),

        // DISTINCT.
        new("DISTINCT of one column", "SELECT DISTINCT channel FROM sales"),
        new("DISTINCT of two columns with NULLs", "SELECT DISTINCT channel, returned FROM sales"),
        new("DISTINCT of a dimension", "SELECT DISTINCT c_region, c_nation FROM customer"),
        new("DISTINCT of a date", "SELECT DISTINCT sale_date FROM sales WHERE sale_date < DATE '2020-03-01'"),

        // Joins.
        new("inner join on a unique key", "SELECT f.id, c.c_name, c.c_region FROM sales f JOIN customer c ON f.cust_id = c.c_id"),
        new("left join keeps facts whose key misses", "SELECT f.id, f.cust_id, c.c_name FROM sales f LEFT JOIN customer c ON f.cust_id = c.c_id"),
        new("inner join on a bigint key", "SELECT f.id, p.p_brand, p.p_cost FROM sales f JOIN product p ON f.prod_id = p.p_id"),
        new("inner join with duplicate build keys", "SELECT f.id, s.s_city, s.s_size FROM sales f JOIN store s ON f.store_id = s.s_id"),
        new("left join with duplicate build keys", "SELECT f.id, s.s_city FROM sales f LEFT JOIN store s ON f.store_id = s.s_id"),
        new("join of keys of different widths", "SELECT c.c_id, s.s_city FROM customer c JOIN store s ON c.c_id = s.s_id"),
        new("join condition written the other way round", "SELECT f.id, c.c_segment FROM sales f JOIN customer c ON c.c_id = f.cust_id"),
        new("join on two columns", "SELECT a.id, b.id FROM sales a JOIN sales b ON a.cust_id = b.cust_id AND a.store_id = b.store_id WHERE a.id < 400"),
        new("left join with a filter in ON keeps every fact", "SELECT f.id, c.c_name FROM sales f LEFT JOIN customer c ON f.cust_id = c.c_id AND c.c_region = 'ASIA'"),
        new("left join with a filter on the dimension in WHERE drops facts", "SELECT f.id, c.c_name FROM sales f LEFT JOIN customer c ON f.cust_id = c.c_id WHERE c.c_region = 'ASIA'"),
        new("left join that finds no dimension row", "SELECT f.id, c.c_name FROM sales f LEFT JOIN customer c ON f.cust_id = c.c_id WHERE c.c_id IS NULL"),
        new("left join with a filter on a duplicated dimension", "SELECT f.id, s.s_size FROM sales f LEFT JOIN store s ON f.store_id = s.s_id WHERE s.s_city = 'Rome'"),
        new("right join", "SELECT f.id, c.c_id FROM sales f RIGHT JOIN customer c ON f.cust_id = c.c_id"),
        new("full outer join", "SELECT f.id, s.s_id FROM sales f FULL OUTER JOIN store s ON f.store_id = s.s_id"),
        new("count distinct over a join that duplicates facts", "SELECT s.s_city, count(*), count(DISTINCT f.id) FROM sales f JOIN store s ON f.store_id = s.s_id GROUP BY s.s_city"),
        new("comma join alone", "SELECT f.id, p.p_category FROM sales f, product p WHERE f.prod_id = p.p_id"),
        new("join with the dimension first", "SELECT c.c_nation, f.qty FROM customer c JOIN sales f ON c.c_id = f.cust_id WHERE f.qty > 40"),
        new("join then group by a dimension attribute", "SELECT c.c_region, count(*), sum(f.amount) FROM sales f JOIN customer c ON f.cust_id = c.c_id GROUP BY c.c_region"),
        new("left join then group: missing keys form the NULL group", "SELECT c.c_region, count(*), count(c.c_id), sum(f.qty) FROM sales f LEFT JOIN customer c ON f.cust_id = c.c_id GROUP BY c.c_region"),
        new("join with filters on both sides", "SELECT f.id, c.c_nation FROM sales f JOIN customer c ON f.cust_id = c.c_id WHERE c.c_region = 'EUROPE' AND f.channel = 'web'"),
        new("join does not match NULL keys", "SELECT count(*) FROM sales f JOIN customer c ON f.cust_id = c.c_id WHERE f.cust_id IS NULL"),
        new("self join", "SELECT a.id, b.id FROM sales a JOIN sales b ON a.cust_id = b.cust_id WHERE a.id < 300 AND b.id > 5800"),
        new("comma join with the condition in WHERE", "SELECT f.id, p.p_category FROM sales f, product p WHERE f.prod_id = p.p_id AND p.p_active = false"),
        new("star join like SSB Q2.1", "SELECT s.s_city, p.p_brand, sum(f.amount), count(*) FROM sales f JOIN customer c ON f.cust_id = c.c_id JOIN product p ON f.prod_id = p.p_id JOIN store s ON f.store_id = s.s_id WHERE c.c_region = 'AMERICA' AND p.p_category = 'MFGR#1' GROUP BY s.s_city, p.p_brand"),
        new("star join like SSB Q3.1", "SELECT c.c_nation, s.s_city, sum(f.amount) FROM sales f JOIN customer c ON f.cust_id = c.c_id JOIN store s ON f.store_id = s.s_id WHERE c.c_region = 'ASIA' AND f.sale_date BETWEEN DATE '2021-01-01' AND DATE '2022-12-31' GROUP BY c.c_nation, s.s_city"),
        new("star join like SSB Q4.1 with a difference of sums", "SELECT c.c_nation, sum(f.amount) - sum(p.p_cost) FROM sales f JOIN customer c ON f.cust_id = c.c_id JOIN product p ON f.prod_id = p.p_id WHERE c.c_region = 'AMERICA' AND p.p_category IN ('MFGR#1', 'MFGR#2') GROUP BY c.c_nation"),
        new("star join with a filter on every dimension", "SELECT c.c_segment, p.p_category, s.s_city, count(*), sum(f.units), max(f.sale_date) FROM sales f JOIN customer c ON f.cust_id = c.c_id JOIN product p ON f.prod_id = p.p_id JOIN store s ON f.store_id = s.s_id WHERE c.c_vip = true AND p.p_weight < 40.0 AND s.s_size >= 1000 GROUP BY c.c_segment, p.p_category, s.s_city"),
        new("star join of left joins", "SELECT c.c_region, p.p_category, count(*), sum(f.qty) FROM sales f LEFT JOIN customer c ON f.cust_id = c.c_id LEFT JOIN product p ON f.prod_id = p.p_id GROUP BY c.c_region, p.p_category"),

        // ORDER BY and LIMIT: ties broken by the unique id so that one order is right.
        new("order by the unique key", "SELECT id, channel FROM sales ORDER BY id LIMIT 20", Ordered: true),
        new("top-N descending with ties broken by id", "SELECT id, qty FROM sales ORDER BY qty DESC, id LIMIT 25", Ordered: true),
        new("NULLs last by default in ascending order", "SELECT id, qty FROM sales ORDER BY qty, id LIMIT 400", Ordered: true),
        new("NULLS FIRST", "SELECT id, qty FROM sales ORDER BY qty NULLS FIRST, id LIMIT 10", Ordered: true),
        new("order by a string then id", "SELECT id, note FROM sales ORDER BY note, id LIMIT 30", Ordered: true),
        new("order by a date descending then id", "SELECT id, sale_date FROM sales ORDER BY sale_date DESC, id DESC LIMIT 15", Ordered: true),
        new("order by a decimal over all rows", "SELECT id, amount FROM sales ORDER BY amount, id", Ordered: true),
        new("order by a double over all rows", "SELECT id, price FROM sales ORDER BY price DESC, id", Ordered: true),
        new("order by an aggregate", "SELECT store_id, count(*) AS n FROM sales GROUP BY store_id ORDER BY n DESC, store_id LIMIT 5", Ordered: true),
        new("order by column positions", "SELECT qty, id FROM sales WHERE qty IS NOT NULL ORDER BY 1, 2 LIMIT 12", Ordered: true),
        new("order by a column that is not selected", "SELECT id FROM sales ORDER BY amount DESC, id LIMIT 10", Ordered: true),
        new("order by an alias", "SELECT id AS k, note AS n FROM sales ORDER BY n DESC, k LIMIT 10", Ordered: true),
        new("DISTINCT ordered", "SELECT DISTINCT channel FROM sales ORDER BY channel", Ordered: true),
        new("LIMIT 0", "SELECT id FROM sales ORDER BY id LIMIT 0", Ordered: true),
        new("LIMIT with OFFSET", "SELECT id FROM sales ORDER BY id LIMIT 10 OFFSET 100", Ordered: true),
        new("top-N of a join", "SELECT f.id, c.c_name FROM sales f JOIN customer c ON f.cust_id = c.c_id ORDER BY c.c_name, f.id LIMIT 10", Ordered: true),
        new("LIMIT without ORDER BY counts rows", "SELECT count(*) FROM (SELECT id FROM sales LIMIT 77) AS l"),

        // UNION ALL.
        new("UNION ALL of two filters", "SELECT channel FROM sales WHERE qty < 0 UNION ALL SELECT c_segment FROM customer WHERE c_vip"),
        new("UNION ALL of aggregates", "SELECT 'sales' AS t, count(*) FROM sales UNION ALL SELECT 'customer', count(*) FROM customer"),
        new("UNION ALL of integers of different widths", "SELECT qty FROM sales WHERE qty > 45 UNION ALL SELECT s_id FROM store UNION ALL SELECT cust_id FROM sales WHERE cust_id > 495"),
        new("UNION removes duplicates", "SELECT channel FROM sales UNION SELECT c_segment FROM customer"),
        new("UNION ALL grouped in a subquery", "SELECT k, count(*) FROM (SELECT channel AS k FROM sales UNION ALL SELECT c_segment FROM customer) AS u GROUP BY k"),

        // CTEs and subqueries in FROM.
        new("CTE joined with a dimension", "WITH totals AS (SELECT cust_id, sum(amount) AS total FROM sales GROUP BY cust_id) SELECT c.c_region, count(*), max(t.total) FROM totals t JOIN customer c ON t.cust_id = c.c_id GROUP BY c.c_region"),
        new("CTE used twice", "WITH t AS (SELECT store_id, count(*) AS n FROM sales GROUP BY store_id) SELECT a.store_id, a.n, b.n FROM t a JOIN t b ON a.store_id = b.store_id"),
        new("CTE built on a CTE", "WITH a AS (SELECT cust_id, store_id, amount FROM sales WHERE channel = 'web'), b AS (SELECT cust_id, sum(amount) AS total, count(*) AS n FROM a GROUP BY cust_id) SELECT c.c_nation, sum(b.total), sum(b.n) FROM b JOIN customer c ON b.cust_id = c.c_id GROUP BY c.c_nation"),
        new("filtered subquery in FROM", "SELECT channel, count(*) FROM (SELECT * FROM sales WHERE qty > 10) AS x GROUP BY channel"),
        new("aggregate over an aggregate", "SELECT count(*), sum(n), max(n) FROM (SELECT cust_id, count(*) AS n FROM sales GROUP BY cust_id) AS g"),
        new("filter on a subquery's aggregate", "SELECT g.cust_id, g.n FROM (SELECT cust_id, count(*) AS n FROM sales GROUP BY cust_id) AS g WHERE g.n > 20"),

        // IN (subquery) and scalar subqueries.
        new("IN subquery", "SELECT id FROM sales WHERE cust_id IN (SELECT c_id FROM customer WHERE c_region = 'ASIA')"),
        new("NOT IN subquery without NULLs", "SELECT count(*) FROM sales WHERE store_id NOT IN (SELECT s_id FROM store WHERE s_size > 1000)"),
        new("NOT IN subquery with a NULL is never true", "SELECT count(*) FROM sales WHERE qty NOT IN (SELECT qty FROM sales WHERE id < 500)"),
        new("scalar subquery in WHERE", "SELECT id, amount FROM sales WHERE amount > (SELECT avg(amount) FROM sales) AND qty = 7"),
        new("scalar subquery in the select list", "SELECT (SELECT max(qty) FROM sales) AS m, count(*) FROM customer"),
        new("EXISTS", "SELECT c_id FROM customer c WHERE EXISTS (SELECT 1 FROM sales f WHERE f.cust_id = c.c_id AND f.qty > 48)"),

        // NULL semantics.
        new("comparison with NULL is never true", "SELECT count(*) FROM sales WHERE qty = NULL"),
        new("IN list with NULL matches only the other values", "SELECT count(*) FROM sales WHERE qty IN (1, NULL)"),
        new("NOT IN list with NULL is never true", "SELECT count(*) FROM sales WHERE qty NOT IN (1, NULL)"),
        new("NOT of NULL is NULL", "SELECT count(*) FROM sales WHERE NOT (qty > 10)"),
        new("OR with NULL", "SELECT count(*) FROM sales WHERE returned OR qty > 40"),
        new("AND with NULL", "SELECT count(*) FROM sales WHERE NOT (returned AND qty > 40)"),
        new("count of a column counts non-NULL values", "SELECT count(*), count(qty), count(amount), count(price), count(returned) FROM sales"),

        // Expressions (the vectorized evaluator).
        new("arithmetic in the select list", "SELECT id, qty * 2 + 1, amount * qty, price / 2, units - id FROM sales WHERE id < 200"),
        new("sum of a product", "SELECT channel, sum(amount * qty), sum(price * qty) FROM sales GROUP BY channel"),
        new("division and modulo of integers", "SELECT id, qty / 4, qty % 4 FROM sales WHERE id < 200 AND qty > 0"),
        new("CASE", "SELECT CASE WHEN qty > 25 THEN 'big' WHEN qty > 0 THEN 'small' ELSE 'none' END AS size, count(*) FROM sales GROUP BY 1"),
        new("LIKE", "SELECT id, note FROM sales WHERE note LIKE 'na%'"),
        new("NOT LIKE", "SELECT count(*) FROM sales WHERE note NOT LIKE '%z%'"),
        new("CAST", "SELECT id, CAST(qty AS BIGINT), CAST(amount AS DOUBLE), CAST(id AS VARCHAR) FROM sales WHERE id < 100"),
        new("COALESCE", "SELECT coalesce(channel, 'none'), count(*) FROM sales GROUP BY 1"),
        new("string functions", "SELECT id, upper(note), length(note), substring(note, 2, 3), concat(channel, '-', note) FROM sales WHERE id < 100"),
        new("numeric functions", "SELECT id, abs(qty), round(price, 1), floor(price), ceil(price) FROM sales WHERE id < 100"),
        new("EXTRACT year from a date", "SELECT extract(year FROM sale_date) AS y, count(*), sum(amount) FROM sales GROUP BY 1"),
        new("date_trunc to a month", "SELECT date_trunc('month', sale_date) AS m, count(*) FROM sales WHERE sale_date < DATE '2021-01-01' GROUP BY 1"),
        new("filter on an expression", "SELECT id FROM sales WHERE qty * 2 > store_id + 30"),
        new("aggregate of an expression over a join", "SELECT p.p_category, sum(f.qty * p.p_cost), avg(f.price - p.p_weight) FROM sales f JOIN product p ON f.prod_id = p.p_id GROUP BY p.p_category"),
    ];
}
