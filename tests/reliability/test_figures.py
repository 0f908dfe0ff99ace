"""Figures recorded by several processes at once all arrive (the long run writes from two pytest processes)."""

import json
import multiprocessing

from tests.reliability import figures


def _add_many(path, count):
    figures.FIGURES = path
    for _ in range(count):
        figures.record("selftest.concurrent", 1, add=True)


def test_figures_recorded_by_processes_at_once_are_all_kept(tmp_path):
    path = tmp_path / "figures.json"
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_add_many, args=(path, 200)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert json.loads(path.read_text())["selftest.concurrent"] == 800
