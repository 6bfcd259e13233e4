#!/usr/bin/env python3
"""The toolkit's performance figures, one line each: `name  value unit  (bound)`.

    python benchmarks/run.py                 # a table
    python benchmarks/run.py --json          # {"name": {"value": v, "unit": "ms", "bound": b}}
    python benchmarks/run.py --only smaa_    # only the figures whose name starts with a prefix

Figures are medians of repeated runs on this machine (a run of a fast call times a batch of
calls and divides). Bounds come from the issues; a figure over its bound is marked, but this
script never fails a build: timing belongs here, not in tests. The scoring figures run on
synthetic, seeded inputs (benchmarks/_synthetic.py): an engagement of R requirements × V
vendors (`scorecard_RxV`), a V × 4 decision matrix (`smaa_SAMPLESxV`, `weight_stability_4xV`).
The optional comparison with scikit-criteria (`pip install -e .[bench]`) checks that its
weighted-sum model ranks the same matrix the same way, and fails loudly if it does not.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks._bench import Bench, call_ms, figure, process_ms  # noqa: E402

#: (requirements, vendors, bound in ms)
SCORECARD_SIZES = [(30, 5, None), (100, 10, None), (300, 30, 20)]
#: (samples, alternatives, bound in ms); rank_acceptability on an alternatives × 4 matrix
SMAA_SIZES = [(1_000, 30, None), (10_000, 10, None), (10_000, 30, 50), (100_000, 30, None)]
#: (requirements, vendors, samples, bound in ms); sensitivity(uncertainty="ratings")
SMAA_RATINGS_SIZES = [(30, 5, 10_000, None), (100, 10, 10_000, None), (300, 30, 10_000, 1500)]
#: (alternatives, bound in ms); weight_stability on an alternatives × 4 matrix
STABILITY_SIZES = [(10, None), (30, 10), (1_000, None)]
SK_ALTERNATIVES = 30
SK_TIMED_EVALS = 200  # skcriteria evaluations timed per run, scaled to 10,000
SK_AGREEMENT_SAMPLES = 100


def _existing(b: Bench) -> None:
    """Whole-process validation and the requirements sheet round trip."""
    from toolkit import load_engagement
    from toolkit.model._profiles import demo_path
    from toolkit.requirements_matrix import export_xlsx, import_sheet

    runs, out = b.runs, b.out
    if b.want("validate_demo_process"):
        out["validate_demo_process"] = figure(process_ms(["validate", "--no-cache", str(demo_path())], runs))
    if not b.want("requirements_xlsx_export", "requirements_xlsx_import"):
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "demo"
        shutil.copytree(demo_path(), folder)
        sheet = Path(tmp) / "w.xlsx"
        requirements = load_engagement(folder).requirements
        out["requirements_xlsx_export"] = figure(call_ms(lambda: export_xlsx(requirements, sheet), runs, batch=False))
        if b.want("requirements_xlsx_import"):
            out["requirements_xlsx_import"] = figure(call_ms(lambda: import_sheet(folder, sheet), runs, batch=False))


def _start(b: Bench) -> None:
    """--help and validate of every bundled profile as whole processes, beside the anchor
    `python -c "import pydantic, ruamel.yaml"` (goal: ratio <= 1.5, issue 12)."""
    from benchmarks._start import NAMES, start_figures

    wanted = [f"{n}_{unit}" for n in NAMES for unit in ("ms", "ratio")]
    if not b.want(*wanted):
        return
    for name, value in start_figures(b.runs).items():
        b.out[name] = figure(value, "×", 1.5) if name.endswith("_ratio") else figure(value)


def _scorecards(b: Bench) -> None:
    """score(engagement) on synthetic engagements of growing size."""
    from toolkit.scoring import score

    for n_req, n_vendors, bound in SCORECARD_SIZES:
        name = f"scorecard_{n_req}x{n_vendors}"
        if b.want(name):
            engagement = b.engagement(n_req, n_vendors)
            b.out[name] = figure(call_ms(lambda e=engagement: score(e), b.runs), bound=bound)


def _smaa(b: Bench) -> None:
    """rank_acceptability on a plain alternatives × 4 matrix, uniform weights."""
    from benchmarks._synthetic import synthetic_matrix
    from toolkit.scoring import rank_acceptability

    for samples, n_alt, bound in SMAA_SIZES:
        name = f"smaa_{samples}x{n_alt}"
        if b.want(name):
            matrix = synthetic_matrix(n_alt, seed=0)
            fn = lambda m=matrix, s=samples: rank_acceptability(m, samples=s, seed=0, mode="uniform")  # noqa: E731
            b.out[name] = figure(call_ms(fn, b.runs), bound=bound)


def _room(b: Bench) -> None:
    """SMAA with the weights drawn between 12 stakeholders' (issue 14), 10,000 samples x 30
    vendors, as a ratio to today's uniform-weights SMAA of the same size (goal <= 1.5)."""
    if not b.want("room_smaa_10000x30x12", "room_smaa_ratio"):
        return
    import numpy as np

    from benchmarks._synthetic import synthetic_matrix
    from toolkit.scoring import rank_acceptability
    from toolkit.scoring._room_rank import first_shares, room_samples

    matrix = synthetic_matrix(30, seed=0)
    people = np.random.default_rng(1).dirichlet(np.ones(4), size=12)  # twelve stakeholders' weights

    def room() -> object:
        return first_shares(matrix, room_samples(np.random.default_rng(0), 10_000, people))

    def uniform() -> object:
        return rank_acceptability(matrix, samples=10_000, seed=0, mode="uniform")

    timed_room, timed_uniform = [], []
    for _ in range(max(3, b.runs)):  # interleaved: the same machine state for both
        timed_room.append(call_ms(room, 1))
        timed_uniform.append(call_ms(uniform, 1))
    ms_room, ms_uniform = statistics.median(timed_room), statistics.median(timed_uniform)
    b.out["room_smaa_10000x30x12"] = figure(ms_room)
    b.out["room_smaa_uniform_10000x30"] = figure(ms_uniform)
    b.out["room_smaa_ratio"] = figure(ms_room / ms_uniform, unit="x", bound=1.5)


def _what_it_takes(b: Bench) -> None:
    """What it would take for every vendor (issue 15: break-even TCO, fewest rating changes,
    nearest weights) on the 300 requirements x 30 vendors engagement, as a ratio to one
    scorecard of the same size, interleaved (goal <= 3)."""
    names = ("what_it_takes_300x30", "what_it_takes_scorecard_300x30", "what_it_takes_ratio")
    if not b.want(*names):
        return
    from toolkit.scoring import score, what_it_takes

    engagement = b.engagement(300, 30)
    card = b.card(300, 30)
    what_it_takes(card)  # scipy's first import, outside the timing
    timed_takes, timed_score = [], []
    for _ in range(max(3, b.runs)):  # interleaved: the same machine state for both
        timed_takes.append(call_ms(lambda: what_it_takes(card), 1))
        timed_score.append(call_ms(lambda: score(engagement), 1))
    ms_takes, ms_score = statistics.median(timed_takes), statistics.median(timed_score)
    b.out[names[0]] = figure(ms_takes)
    b.out[names[1]] = figure(ms_score)
    b.out[names[2]] = figure(ms_takes / ms_score, unit="x", bound=3)


def _smaa_ratings(b: Bench) -> None:
    """sensitivity(card, uncertainty="ratings"): SMAA that also redraws every unverified rating."""
    import numpy as np

    from toolkit.scoring import sensitivity

    for n_req, n_vendors, samples, bound in SMAA_RATINGS_SIZES:
        name = f"smaa_ratings_{n_req}x{n_vendors}x{samples}"
        if b.want(name):
            card = b.card(n_req, n_vendors)

            def run(c=card, s=samples):
                # sample_ranks (toolkit/scoring/_mcda.py) diffs rows holding -inf (a vendor knocked
                # out in that sample), so numpy warns "invalid value encountered in subtract"
                # although the ranks are right; silenced here until the toolkit does it.
                with np.errstate(invalid="ignore"):
                    return sensitivity(c, samples=s, seed=0, mode="uniform", uncertainty="ratings")

            b.out[name] = figure(call_ms(run, b.runs), bound=bound)


def _stability(b: Bench) -> None:
    from benchmarks._synthetic import WEIGHTS, synthetic_matrix
    from toolkit.scoring import weight_stability

    for n_alt, bound in STABILITY_SIZES:
        name = f"weight_stability_4x{n_alt}"
        if b.want(name):
            matrix = synthetic_matrix(n_alt, seed=0)
            b.out[name] = figure(call_ms(lambda m=matrix: weight_stability(m, WEIGHTS), b.runs), bound=bound)


SK_NAMES = (
    "skcriteria",
    "skcriteria_version",
    "skcriteria_agreement",
    "weighted_sum_rank_30x4",
    "skcriteria_wsm_30x4",
    "wsm_speedup_vs_skcriteria",
    "smaa_speedup_vs_10000_skcriteria_evals",
)


def _skcriteria(b: Bench) -> None:
    """Our weighted sum and SMAA against scikit-criteria's WeightedSumModel on the same matrix.

    The rankings must agree (under the engagement weights, and the winner under each of 100
    sampled weight vectors); a disagreement ends the script with the difference.
    """
    if not b.want(*SK_NAMES):
        return
    try:
        import skcriteria
        from skcriteria.agg.simple import WeightedSumModel
    except ImportError:
        b.out["skcriteria"] = figure("not installed (pip install -e .[bench])", unit="")
        return
    import numpy as np
    import pandas as pd

    from benchmarks._synthetic import WEIGHTS, synthetic_matrix
    from toolkit.scoring import rank, rank_acceptability
    from toolkit.scoring._mcda import sample_weights

    matrix = synthetic_matrix(SK_ALTERNATIVES, seed=0)
    x = matrix.to_numpy()
    crit = list(matrix.columns)
    labels = list(matrix.index)
    model = WeightedSumModel()

    def theirs(weights) -> np.ndarray:
        """skcriteria's ranks (1 = best), aligned with `labels`: build the matrix and evaluate."""
        dm = skcriteria.mkdm(x, objectives=[max] * len(crit), weights=weights, alternatives=labels, criteria=crit)
        result = model.evaluate(dm)
        assert list(result.alternatives) == labels
        return np.asarray(result.rank_)

    # agreement: the full ranking under the engagement weights ...
    ours = rank(matrix, WEIGHTS)
    sk = pd.Series(theirs(WEIGHTS.to_numpy()), index=labels)
    if not (ours == sk).all():
        diff = pd.DataFrame({"ours": ours, "skcriteria": sk})[ours != sk]
        raise SystemExit(f"skcriteria ranks the {len(labels)}x4 matrix differently:\n{diff}")
    # ... the winner under each of 100 sampled weight vectors (the rng draws of SMAA's own samples) ...
    w = sample_weights(np.random.default_rng(0), SK_AGREEMENT_SAMPLES, mode="uniform", weights=np.ones(len(crit)))
    wins = np.zeros(len(labels))
    bad = []
    for i, wi in enumerate(w):
        top = rank(matrix, pd.Series(wi, index=crit)).idxmin()
        sk_ranks = theirs(wi)
        sk_top = labels[int(np.argmin(sk_ranks))]
        wins[labels.index(sk_top)] += 1
        if sk_ranks[labels.index(top)] != 1:
            bad.append(f"sample {i} {np.round(wi, 4).tolist()}: ours {top}, skcriteria {sk_top}")
    if bad:
        raise SystemExit("skcriteria picks a different winner under sampled weights:\n" + "\n".join(bad))
    # ... and our SMAA first-rank shares over those same samples
    first = rank_acceptability(matrix, samples=SK_AGREEMENT_SAMPLES, seed=0, mode="uniform")["first_rank"]
    theirs_first = pd.Series(wins / SK_AGREEMENT_SAMPLES, index=labels)
    if not np.allclose(first.to_numpy(), theirs_first.to_numpy()):
        diff = pd.DataFrame({"ours": first, "skcriteria": theirs_first})
        diff = diff[diff.ours != diff.skcriteria]
        raise SystemExit(f"first-rank shares over {SK_AGREEMENT_SAMPLES} samples differ:\n{diff}")
    b.out["skcriteria_version"] = figure(skcriteria.VERSION, unit="")
    b.out["skcriteria_agreement"] = figure("yes", unit="")

    runs = b.runs
    ours_ms = call_ms(lambda: rank(matrix, WEIGHTS), runs)
    w0 = WEIGHTS.to_numpy()
    theirs_ms = call_ms(lambda: theirs(w0), runs)
    b.out["weighted_sum_rank_30x4"] = figure(ours_ms)
    b.out["skcriteria_wsm_30x4"] = figure(theirs_ms, unit="ms (mkdm + evaluate)")
    b.out["wsm_speedup_vs_skcriteria"] = figure(theirs_ms / ours_ms, unit="x")

    samples = sample_weights(np.random.default_rng(1), SK_TIMED_EVALS, mode="uniform", weights=np.ones(len(crit)))

    def evals():
        for wi in samples:
            theirs(wi)

    scale = 10_000 / SK_TIMED_EVALS
    theirs_10000 = call_ms(evals, runs, batch=False) * scale
    smaa = b.out.get("smaa_10000x30")
    smaa_ms = (
        smaa["value"]
        if smaa
        else call_ms(lambda: rank_acceptability(matrix, samples=10_000, seed=0, mode="uniform"), runs)
    )
    b.out["smaa_speedup_vs_10000_skcriteria_evals"] = figure(
        theirs_10000 / smaa_ms, unit=f"x ({SK_TIMED_EVALS} skcriteria evals timed, x{scale:g})"
    )


def _rollout(b: Bench) -> None:
    """The tracker on the demo plan: generating it, one locked save, reading where it stands."""
    names = ("rollout_plan_generate_demo", "rollout_task_update_demo", "rollout_status_demo")
    if not b.want(*names):
        return
    from toolkit import load_engagement
    from toolkit.model._profiles import demo_path
    from toolkit.rollout import generate_plan, read_rollout, rollout_status, save_plan, update_task

    engagement = load_engagement(demo_path())
    b.out[names[0]] = figure(call_ms(lambda: generate_plan(engagement), b.runs))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        save_plan(folder, generate_plan(engagement), by="bench")
        flip = iter(range(10**9))

        def save() -> None:
            update_task(folder, "data_import", status=("doing", "done")[next(flip) % 2], by="bench")

        b.out[names[1]] = figure(call_ms(save, b.runs, batch=False))
        b.out[names[2]] = figure(call_ms(lambda: rollout_status(read_rollout(folder)), b.runs))


def _deck(b: Bench) -> None:
    """The board deck of the demo (issue 15): from its scorecard and 10,000-sample sensitivity run
    to the .pptx bytes (gathering the report's figures, rendering, saving), the rendering alone,
    and the whole as a ratio to one scorecard of the demo."""
    names = ("deck_demo", "deck_demo_render", "deck_scorecard_demo", "deck_demo_ratio")
    if not b.want(*names):
        return
    import io

    from toolkit import load_engagement
    from toolkit.model._profiles import demo_path
    from toolkit.report._deck import deck_pptx, render_deck
    from toolkit.report._facts import gather
    from toolkit.scoring import score, sensitivity

    engagement = load_engagement(demo_path())
    card = score(engagement)
    sens = sensitivity(card, samples=10_000, seed=0)
    data = gather(engagement, card, sens)

    def render() -> None:
        render_deck(data, "en").save(io.BytesIO())

    ms_deck = call_ms(lambda: deck_pptx(engagement, card, sens, "en"), b.runs, batch=False)
    ms_card = call_ms(lambda: score(engagement), b.runs)
    b.out["deck_demo"] = figure(ms_deck)
    b.out["deck_demo_render"] = figure(call_ms(render, b.runs, batch=False))
    b.out["deck_scorecard_demo"] = figure(ms_card)
    b.out["deck_demo_ratio"] = figure(ms_deck / ms_card, unit="x")


def _save_each(folder: str, task_ids: list[str], start) -> None:
    from toolkit.rollout import update_task

    start.wait()
    for task in task_ids:
        update_task(folder, task, status="done", by="bench")
        update_task(folder, task, owner="bench", by="bench")


def _rollout_saves(b: Bench) -> None:
    """The tracker's saves on big plans: one save of one task in 400, and four processes saving
    at once, 100 saves each on tasks of their own in a plan of 200 (seconds, start to end)."""
    names = ("rollout_task_update_400_tasks", "rollout_4_writers_x_100_saves_s")
    if not b.want(*names):
        return
    import multiprocessing as mp

    from benchmarks._synthetic import synthetic_plan
    from toolkit.rollout import update_task

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "one"
        ids = synthetic_plan(folder, 400)
        turn = iter(range(10**9))

        def save() -> None:
            i = next(turn)
            update_task(folder, ids[i % 400], owner=f"o{i}", by="bench")

        b.out[names[0]] = figure(call_ms(save, b.runs, batch=False))
        ctx, times = mp.get_context("fork"), []
        for run in range(b.runs):
            folder = Path(tmp) / f"race{run}"
            ids = synthetic_plan(folder, 200)
            start = ctx.Event()
            writers = [ctx.Process(target=_save_each, args=(str(folder), ids[k::4], start)) for k in range(4)]
            for w in writers:
                w.start()
            began = time.perf_counter()
            start.set()
            for w in writers:
                w.join()
            times.append(time.perf_counter() - began)
        b.out[names[1]] = figure(statistics.median(times), "s")


def _apps(b: Bench) -> None:
    """Time to interactive of each page (bound 4 s) and the scorecard's slider redraw (bound 300 ms)."""
    names = [f"tti_{p}_s" for p in ("landing", "workshop", "scorecard", "tracker")] + ["scorecard_slider_redraw_ms"]
    if not b.want(*names):
        return
    from benchmarks._apps import app_figures

    for name, value in app_figures(b.runs).items():
        b.out[name] = figure(value, "s", 4) if name.startswith("tti_") else figure(value, bound=300)


def _first_page(b: Bench) -> None:
    """The first page after `crm-toolkit app` starts (the landing page) against a bare one-slider
    Voila page served the same way: medians of whole server starts, side by side; ratio bound 1.5."""
    names = [
        "first_page_landing_s",
        "first_page_bare_s",
        "first_page_ratio",
        "first_page_landing_after_answer_s",
        "first_page_bare_after_answer_s",
    ]
    if not b.want(*names):
        return
    from benchmarks._apps import first_page_figures

    figures = first_page_figures(b.runs)
    for name in names:
        b.out[name] = figure(figures[name], "×", 1.5) if name == "first_page_ratio" else figure(figures[name], "s")


def _live(b: Bench) -> None:
    """The live workshop over the real HTTP path, thirty participants on threads: a ballot's load
    (its page and first state) against a constant page of the same server, a vote's round trip
    while the room votes, and a vote until the wall shows it, in its long poll and on the page in
    Chromium (bound 1 s)."""
    from benchmarks._live import NAMES

    if not b.want(*NAMES):
        return
    from benchmarks._live import live_figures

    for name, value in live_figures(b.runs).items():
        if isinstance(value, str):  # Chromium not installed
            b.out[name] = figure(value, unit="")
        elif name.endswith("_ratio_p50") or name.endswith("_ratio_p95"):
            b.out[name] = figure(value, "×")
        elif name == "live_votes":
            b.out[name] = figure(value, "votes")
        else:
            b.out[name] = figure(value, bound=1000 if name.startswith("live_vote_to_wall") and "p95" in name else None)


def _hub(b: Bench) -> None:
    """From the hub's login to an interactive scorecard through JupyterHub (deploy/jupyterhub/),
    as a ratio to the same page served directly by `crm-toolkit app` (goal <= 1.5, issue 17);
    without the hub's tools (the [hub] extra, npm's configurable-http-proxy) one line says why."""
    from benchmarks._hub import NAMES

    if not b.want(*NAMES):
        return
    from benchmarks._hub import hub_figures

    for name, value in hub_figures(b.runs).items():
        if isinstance(value, str):
            b.out[name] = figure(value, unit="")
        else:
            b.out[name] = figure(value, "×", 1.5) if name.endswith("_ratio") else figure(value, "s")


GROUPS = (
    _start,
    _existing,
    _scorecards,
    _smaa,
    _room,
    _what_it_takes,
    _smaa_ratings,
    _stability,
    _skcriteria,
    _rollout,
    _rollout_saves,
    _deck,
    _apps,
    _first_page,
    _live,
    _hub,
)


def figures(runs: int, only: list[str] | None = None) -> dict[str, dict]:
    bench = Bench(runs, only)
    for group in GROUPS:
        group(bench)
    return {k: v for k, v in bench.out.items() if bench.want(k)}


def _value(fig: dict) -> str:
    v = fig["value"]
    if isinstance(v, str):
        return v
    text = f"{v:.2f}" if abs(v) < 10 else f"{v:.1f}"
    return f"{text} {fig['unit']}".rstrip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="one JSON object instead of lines")
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "7")))
    parser.add_argument(
        "--only",
        action="append",
        metavar="PREFIX",
        help="only figures whose name starts with PREFIX (repeat, or separate with commas)",
    )
    args = parser.parse_args(argv)
    only = [p for arg in args.only for p in arg.split(",") if p] if args.only else None
    results = figures(args.runs, only)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    if not results:
        print(f"no figure starts with {', '.join(only or [])}", file=sys.stderr)
        return 1
    width = max(len(k) for k in results)
    for name, fig in results.items():
        bound = f"  (< {fig['bound']} {fig['unit']})" if fig["bound"] is not None else ""
        over = "  OVER BOUND" if fig["bound"] is not None and fig["value"] > fig["bound"] else ""
        print(f"{name:<{width}}  {_value(fig)}{bound}{over}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
