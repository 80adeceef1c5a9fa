"""The statements PostgreSQL spent its time on during a load run (pg_stat_statements).

The private cluster preloads the extension (benchmarks/stack.py); its counters are reset when
the clients start and read when they stop. The run's directory gets the top statements by
total time (``pg_statements.tsv``); the first few are printed with their share, so that a run
says which queries the database's CPU went to (it is often more than gunicorn's).
"""

from pathlib import Path

from benchmarks.stack import DATABASE, PrivatePostgres

TOP = 30
SQL_TEXT = 3000  # characters of each statement kept in the file


def prepare(pg: PrivatePostgres) -> bool:
    """Creates the extension in the data set's database; False when the cluster lacks it."""
    try:
        pg.psql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", DATABASE)
        pg.psql("SELECT pg_stat_statements_reset()", DATABASE)
    except Exception:  # noqa: BLE001 - a cluster without the extension: no figures, no failure
        return False
    return True


def read(pg: PrivatePostgres, run_dir: Path) -> list[tuple[float, int, float, str]]:
    """(total ms, calls, mean ms, statement) of the top statements, also written to a file."""
    rows = pg.psql(
        "SELECT round(total_exec_time::numeric, 1), calls, round(mean_exec_time::numeric, 2), "
        f"regexp_replace(left(query, {SQL_TEXT}), '[\\t\\n]+', ' ', 'g') "
        "FROM pg_stat_statements JOIN pg_database d ON d.oid = dbid "
        f"WHERE d.datname = '{DATABASE}' ORDER BY total_exec_time DESC LIMIT {TOP}",
        DATABASE,
    )
    top = []
    for line in rows.splitlines():
        total, calls, mean, query = line.split("|", 3)
        top.append((float(total), int(calls), float(mean), query))
    with (run_dir / "pg_statements.tsv").open("w") as file:
        file.write("total ms\tcalls\tmean ms\tstatement\n")
        for total, calls, mean, query in top:
            file.write(f"{total}\t{calls}\t{mean}\t{query}\n")
    return top


def print_top(top: list[tuple[float, int, float, str]], shown: int = 6) -> None:
    spent = sum(total for total, *_ in top) or 1
    print(f"  PostgreSQL's top statements by time ({TOP} in pg_statements.tsv):")
    for total, calls, mean, query in top[:shown]:
        print(f"    {100 * total / spent:4.0f}% {calls:>6} calls {mean:>8.1f} ms  {_gist(query)}")


def _gist(query: str, length: int = 110) -> str:
    """What tells statements apart: their FROM and WHERE (the column lists are alike)."""
    start = query.find(" FROM ")
    return (query[start + 1 :] if start > 0 else query)[:length]
