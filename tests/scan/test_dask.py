"""Both stages on a two-worker Dask LocalCluster find exactly what the embedded run finds."""

from __future__ import annotations

import pytest

from tests.scan.conftest import write_jsonl
from tui.scan.run import DaskRunner, LocalRunner, scan, sketch_corpus
from tui.sources import read_article

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        host="127.0.0.1",
        processes=True,
        dashboard_address=":0",  # a free port: two runs at once do not collide
        silence_logs=50,
    )
    try:
        with distributed.Client(cluster) as dask_client:
            yield dask_client
    finally:
        cluster.close()


def test_dask_finds_exactly_what_the_embedded_run_finds(tmp_path, documents, original, client):
    corpus = tmp_path / "corpus.jsonl"
    write_jsonl(corpus, documents)
    article = read_article(str(original))
    local = LocalRunner(1)
    embedded = scan(article, sketch_corpus([str(corpus)], local, partition_docs=10), local)
    dask = DaskRunner(client)
    on_dask = scan(article, sketch_corpus([str(corpus)], dask, partition_docs=10), dask)
    assert len(embedded.ranking.records) >= 5
    assert [r.to_dict() for r in on_dask.ranking.records] == [
        r.to_dict() for r in embedded.ranking.records
    ]
    assert on_dask.candidates == embedded.candidates
    assert [b.to_dict() for b in on_dask.bad] == [b.to_dict() for b in embedded.bad]
    assert on_dask.documents == embedded.documents
    assert len(client.scheduler_info()["workers"]) == 2
