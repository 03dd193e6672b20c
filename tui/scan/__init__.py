"""Finding an original's copies in a corpus: candidates by shingle containment, then the
full diff and ranking of the best ones (``paradiff scan``, ``paradiff index``).

:mod:`~tui.scan.features` (content-word shingles, MinHash signatures, containment),
:mod:`~tui.scan.corpus` (folders, JSON Lines, Parquet, in partitions; bad input reported),
:mod:`~tui.scan.index` (sketching partitions; the index on disk), :mod:`~tui.scan.run`
(the two stages on worker processes or Dask), :mod:`~tui.scan.report` (output). No Textual.
"""
