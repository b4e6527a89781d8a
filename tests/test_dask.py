"""--executor dask runs the same per-file function on a Dask cluster (a LocalCluster here)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import pdfgen
from resume_match.batch.folder import analyse_folder
from resume_match.errors import UsageError

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

CV = """Noor Haddad
noor@example.com

Experience
Data Scientist, Tailspin, 2018 - 2023
- Built churn models in Python with scikit-learn and XGBoost; SQL on Snowflake.

Skills
Python, SQL, scikit-learn, XGBoost, pandas, Tableau
"""


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                       dashboard_address=None)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def rows(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]


def test_dask_gives_the_same_results_as_local_workers(client, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    pdfgen.make_one_column(src / "one.pdf")
    pdfgen.make_truncated(src / "broken.pdf")
    (src / "noor.txt").write_text(CV)
    on_dask = analyse_folder(src, ["data-scientist"], out_dir=tmp_path / "dask", executor="dask",
                             scheduler=client)
    local = analyse_folder(src, ["data-scientist"], out_dir=tmp_path / "local", workers=1)
    assert rows(tmp_path / "dask") == rows(tmp_path / "local")
    assert [r.status for r in on_dask.rows] == ["ok", "ok", "error"]
    assert (tmp_path / "dask" / "index.html").is_file() and local.analysed == on_dask.analysed == 3


def test_dask_by_scheduler_address(client, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "noor.txt").write_text(CV)
    res = analyse_folder(src, ["data-scientist"], out_dir=tmp_path / "out", executor="dask",
                         scheduler=client.scheduler.address)
    assert [r.status for r in res.rows] == ["ok"]


def test_dask_without_a_scheduler_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "cv.txt").write_text(CV)
    with pytest.raises(UsageError, match="--scheduler"):
        analyse_folder(tmp_path, ["data-scientist"], out_dir=tmp_path / "out", executor="dask")


def test_dask_submits_a_bounded_number_of_files_at_a_time(client, tmp_path: Path) -> None:
    from resume_match.api import resolve_roles
    from resume_match.batch.cluster import run_dask
    from resume_match.batch.folder import make_tasks, scan_folder
    from resume_match.batch.tasks import BatchSettings
    for i in range(5):
        (tmp_path / f"cv{i}.txt").write_text(CV + f"\nProject {i}\n")
    tasks = make_tasks(tmp_path, scan_folder(tmp_path), blind=False)
    settings = BatchSettings(profiles=resolve_roles(["data-scientist"]), html=False)
    done = list(run_dask(tasks, settings, client, in_flight=2))
    assert sorted(tasks[i].file for i, _ in done) == [f"cv{i}.txt" for i in range(5)]
    assert all(o.row.status == "ok" and o.html is None for _, o in done)
