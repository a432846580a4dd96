"""The benchmark's targets (bench/targets.py): each judged from a results dict as a run writes it."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import targets  # noqa: E402
from report import render  # noqa: E402


def measured(rps, p99=10.0, status=200):
    return {"status": status, "rps": rps, "p50_ms": p99 / 2, "p99_ms": p99}


def test_computed_judges_the_reading_site_s_pages_against_datasette_as_every_request():
    requests = {
        "passage_detail": {"ours-sqlite-uncached": measured(300, 5), "datasette": measured(100, 10)},
        "passage_page": {"ours-sqlite-uncached": measured(120, 5), "datasette": measured(100, 10)},
        "thesis_page": {"ours-sqlite-uncached": measured(10, 50)},
    }
    verdict = targets.computed(requests, "ours-sqlite-uncached")
    assert verdict.met is False
    assert "passage_page (1.20×, p99 0.50)" in verdict.result and "passage_detail" not in verdict.result
    requests["passage_page"]["ours-sqlite-uncached"] = measured(150, 10)
    assert targets.computed(requests, "ours-sqlite-uncached").met is True
    assert targets.computed(requests, "ours-postgres-uncached").met is None


def test_every_cached_answer_of_each_server_pages_included_is_held_to_the_ceiling():
    requests = {
        "passage_detail": {"ours-sqlite": measured(900), "ours-postgres": measured(850)},
        "passage_page": {"ours-sqlite": measured(700), "ours-sqlite-uncached": measured(100)},
    }
    ceiling = {"passage_detail": measured(1000), "passage_page": measured(1000)}
    verdict = targets.cached(requests, ceiling)
    assert verdict.met is False
    assert verdict.result == "0.7–0.9; missed: passage_page ours-sqlite (0.7)"
    requests["passage_page"]["ours-sqlite"] = measured(800)
    assert targets.cached(requests, ceiling).met is True


def test_304s_are_held_to_the_ceiling_of_the_same_request_and_a_200_is_not_one():
    conditional = {
        "passage_detail": {"ours-sqlite": measured(820, status=304), "ours-postgres": measured(500, status=200)},
        "search_page": {"ours-sqlite": measured(300, status=304)},
    }
    ceiling = {"passage_detail": measured(1000), "search_page": measured(500)}
    verdict = targets.not_modified(conditional, ceiling)
    assert (verdict.met, verdict.result) == (False, "0.6–0.82; missed: search_page ours-sqlite (0.6)")
    assert targets.not_modified({}, ceiling).met is None


def test_with_redis_cached_answers_need_0_6_of_the_ceiling_and_computed_ones_are_not_judged():
    redis = {
        "passage_detail": {"ours-sqlite-redis": measured(610), "ours-sqlite-redis-uncached": measured(100)},
        "thesis_page": {"ours-postgres-redis": measured(59)},
    }
    ceiling = {"passage_detail": measured(1000), "thesis_page": measured(100)}
    verdict = targets.shared_cache(redis, ceiling)
    assert (verdict.met, verdict.result) == (False, "0.59–0.61; missed: thesis_page ours-postgres-redis (0.59)")


def test_documents_are_held_to_their_json_and_the_pages_with_an_equivalent_are_not():
    requests = {
        "thesis_passages": {"ours-sqlite-uncached": measured(100)},
        "thesis_page": {"ours-sqlite-uncached": measured(60)},
        "tei_export": {"ours-sqlite-uncached": measured(40)},
        "passage_detail": {"ours-sqlite-uncached": measured(1000)},
        "passage_page": {"ours-sqlite-uncached": measured(100)},
    }
    verdict = targets.documents(requests)
    assert (verdict.met, verdict.result) == (False, "1.67–2.5; missed: tei_export ours-sqlite-uncached (2.5)")


def edits_run(share, saves_per_second):
    return {"readers": {"hit_share": share}, "saves_per_second": saves_per_second}


def test_edits_while_reading_needs_95_per_cent_hits_on_every_server_and_saves_made():
    edits = {"ours-sqlite": edits_run(0.99, 1.0), "ours-sqlite-redis": edits_run(0.96, 0.9)}
    verdict = targets.edits_while_reading(edits)
    assert verdict.met is True
    assert verdict.result == "0.96–0.99; saves a second: ours-sqlite 1, ours-sqlite-redis 0.9"
    edits["ours-postgres"] = edits_run(0.9, 1.0)
    assert targets.edits_while_reading(edits).met is False
    idle = targets.edits_while_reading({"ours-sqlite": edits_run(1.0, 0)})
    assert idle.met is False and "no save made: ours-sqlite" in idle.result
    assert targets.edits_while_reading({}).met is None


def test_the_report_shows_the_new_targets_and_the_edits_table():
    results = {
        "started": "2026-12-07T00:00:00+00:00",
        "options": {"scale": 0.1, "concurrency": 16, "warmup": 1, "duration": 2, "workers": 2},
        "machine": {"nproc": 2, "cpu": "x", "memory_gib": 1, "kernel": "k"},
        "versions": {},
        "corpus": {},
        "edits": {
            "ours-sqlite": {
                "edited": 7,
                "saves": {"saved": 2},
                "saves_per_second": 1.0,
                "save_seconds": [0.3, 0.4],
                "readers": {"rps": 500.0, "hit_share": 0.99, "p50_ms": 3.0, "p99_ms": 9.0, "requests": 1000},
            }
        },
    }
    markdown = render(results)
    assert (
        "| edits while reading: ≥ 95% of other theses' readers from the cache | 0.99–0.99; saves a second" in markdown
    )
    assert "| ours-sqlite | 7 | saved 2 | 1.00 | 0.40 | 500 | 0.99 | 3.00 | 9.00 |" in markdown
