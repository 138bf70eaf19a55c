"""Benchmark: `readiness serve` under respondents' load, and the dashboard of a large engagement.

    python benchmarks/bench_serve.py [--database postgresql://...] [--respondents 300]
        [--concurrency 100] [--saves 8] [--think 0] [--time-limit 600]
        [--dashboard-respondents 10000]
        [--skip-load] [--skip-dashboard]

The server runs in its own process pinned to one core, the load generator on the other (both
reported). Load: each respondent opens their personal link, autosaves `--saves` times and
submits, `--concurrency` at a time; printed per endpoint: requests, throughput, p50/p95/p99
latency, refusals, then the server's peak memory, and whether the database holds exactly the
answers the server acknowledged. Dashboard: `--dashboard-respondents` submissions seeded into
the database, then the first load (which must not wait for scoring), the time until the
background figures are ready, and cached loads. Targets (issue 16): autosave p95 under 100 ms
at 100 concurrent respondents, no answer lost, the dashboard under 1 s with 10,000 submitted.
Bounded in count (the arguments) and time (--time-limit, per part).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import csv
import datetime as dt
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import sqlalchemy as sa
from sqlalchemy.orm import Session

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "northwind"
CLI = "from assessment.cli import run; run()"
LINK = re.compile(r"/s/([^/\s\"]+)/i/([A-Za-z0-9_\-]+)")
# The shared form's data block carries the CSRF token the script sends in a header.
CSRF = re.compile(r'"csrf_token": "([A-Za-z0-9_\-]{16,})"')
PASSWORD = "benchmark password"


# --- processes and cores ---------------------------------------------------------------------


def cores() -> tuple[set[int], set[int]]:
    """One core for the server, another for the load generator (the same one if only one)."""
    available = sorted(os.sched_getaffinity(0))
    return {available[0]}, {available[-1]}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(
    folder: Path, port: int, database: str | None, core: set[int]
) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", CLI, "serve", str(folder), "--port", str(port)]
    if database:
        command += ["--database", database]
    server = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,  # the set-up link: not needed, the benchmark adds its account
        preexec_fn=lambda: os.sched_setaffinity(0, core),
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit(
                    "the server stopped at start; run `readiness serve` to see why"
                ) from None
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not start within 60 s")


def peak_rss_mib(pid: int) -> float:
    """The process's peak resident memory (VmHWM), with its children's."""
    total = 0.0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for one in pids:
        for line in Path(f"/proc/{one}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                total += int(line.split()[1]) / 1024
    return total


def stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()


def engagement_copy(root: Path) -> Path:
    folder = root / "northwind"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns(".readiness"))
    return folder


def database_of(folder: Path, database: str | None) -> sa.Engine:
    from assessment.web.server import ServeSettings, build_workspace

    return build_workspace(
        ServeSettings(folder=str(folder), workspace=None, database=database)
    ).engine


# --- answers -----------------------------------------------------------------------------------


def answer_plan(folder: Path) -> dict[str, list[tuple[str, list[str]]]]:
    """Per role, the questions it is asked that take an option, with their option ids."""
    from assessment.loading.setup import load_setup

    questionnaire = load_setup(folder).questionnaire.questionnaire
    plan: dict[str, list[tuple[str, list[str]]]] = {}
    for role in questionnaire.role_labels:
        plan[role] = [
            (q.id, [o.id for o in q.options])
            for d in questionnaire.dimensions
            for q in d.questions
            if q.options and q.visible_if is None and (not q.audience or role in q.audience)
        ]
    return plan


def answers_for(questions: list[tuple[str, list[str]]], seed: int, upto: int) -> dict[str, str]:
    chooser = random.Random(seed)
    return {qid: chooser.choice(options) for qid, options in questions[:upto]}


# --- load ------------------------------------------------------------------------------------


class Timings:
    def __init__(self) -> None:
        self.latency: dict[str, list[float]] = collections.defaultdict(list)
        self.refused: collections.Counter[tuple[str, int]] = collections.Counter()
        self.span: dict[str, list[float]] = {}
        self.failures: collections.Counter[str] = collections.Counter()

    def add(self, endpoint: str, started: float, status: int) -> None:
        now = time.perf_counter()
        self.latency[endpoint].append(now - started)
        span = self.span.setdefault(endpoint, [started, now])
        span[0], span[1] = min(span[0], started), max(span[1], now)
        if status >= 400:
            self.refused[(endpoint, status)] += 1


async def respondent(
    client: httpx.AsyncClient,
    slug: str,
    token: str,
    questions: list[tuple[str, list[str]]],
    saves: int,
    think: float,
    seed: int,
    timings: Timings,
    acknowledged: dict[int, dict[str, str]],
    gate: asyncio.Semaphore,
) -> None:
    """One respondent: open the link, autosave `saves` times, submit. A transport failure is
    counted and ends this respondent only; the others go on."""
    async with gate:
        try:
            started = time.perf_counter()
            page = await client.get(f"/s/{slug}/i/{token}")
            timings.add("open link", started, page.status_code)
            if page.status_code != 200:
                return
            found = CSRF.search(page.text)
            headers = {"X-CSRF-Token": found.group(1)} if found else {}
            revision = 0
            step = max(1, len(questions) // saves)
            answers: dict[str, str] = {}
            pauses = random.Random(seed)
            for n in range(1, saves + 1):
                # A person reads and answers between saves; the form itself waits 0.8 s after the
                # last change. `think` is the mean pause (0: saves back to back, a saturation test).
                await asyncio.sleep(pauses.uniform(0.5, 1.5) * think)
                answers = answers_for(questions, seed, step * n)
                body = {"answers": answers, "comments": {}, "revision": revision}
                started = time.perf_counter()
                saved = await client.put(f"/s/{slug}/i/{token}/answers", json=body, headers=headers)
                timings.add("autosave", started, saved.status_code)
                if saved.status_code == 200:
                    revision = saved.json()["revision"]
            body = {"answers": answers, "comments": {}, "revision": revision}
            started = time.perf_counter()
            submitted = await client.post(f"/s/{slug}/i/{token}/submit", json=body, headers=headers)
            timings.add("submit", started, submitted.status_code)
            if submitted.status_code == 200:
                acknowledged[seed] = answers
        except httpx.TransportError as failed:
            timings.failures[type(failed).__name__] += 1


def invitations(folder: Path, count: int, root: Path) -> list[tuple[str, str, str]]:
    """`readiness invite` for `count` respondents over the units (role: business); returns
    (slug, token, role) per link, or an empty list when this build has no `invite`."""
    from assessment.loading.setup import load_setup

    units = [u.id for u in load_setup(folder).profile.business_units]
    links = []
    for i, unit in enumerate(units):
        share = count // len(units) + (1 if i < count % len(units) else 0)
        if not share:
            continue
        out = root / f"links-{unit}.csv"
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                CLI,
                "invite",
                str(folder),
                "--unit",
                unit,
                "--role",
                "business",
                "--count",
                str(share),
                "-o",
                str(out),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            print(f"  `readiness invite` is not available here ({done.stderr.strip()[:120]})")
            return []
        with out.open(newline="", encoding="utf-8") as handle:
            for row in csv.reader(handle):
                for cell in row:
                    if match := LINK.search(cell):
                        links.append((match.group(1), match.group(2), "business"))
                        break
    return links


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def load_part(args: argparse.Namespace, root: Path, server_core: set[int]) -> None:
    folder = engagement_copy(root / "load")
    engine = database_of(folder, args.database)
    links = invitations(folder, args.respondents, root)
    if not links:
        print("  load part skipped: the respondent routes are not in this build")
        return
    plan = answer_plan(folder)
    port = free_port()
    server = start_server(folder, port, args.database, server_core)
    timings = Timings()
    acknowledged: dict[int, dict[str, str]] = {}
    gate = asyncio.Semaphore(args.concurrency)

    async def everyone() -> None:
        # One client whose pool holds a connection per respondent in flight: a client per
        # respondent costs the load generator ~60 ms to make (an SSL context), which the first
        # version of this benchmark counted as the server's latency.
        # Idle connections are dropped well before uvicorn's 5 s keep-alive ends: a request
        # sent just as the server closes the connection would fail for the client's reasons.
        limits = httpx.Limits(max_connections=args.concurrency, keepalive_expiry=2.0)
        async with httpx.AsyncClient(
            base_url=f"http://127.0.0.1:{port}", timeout=60, limits=limits
        ) as client:
            await asyncio.gather(
                *(
                    respondent(
                        client,
                        slug,
                        token,
                        plan[role],
                        args.saves,
                        args.think,
                        i,
                        timings,
                        acknowledged,
                        gate,
                    )
                    for i, (slug, token, role) in enumerate(links)
                )
            )

    started = time.perf_counter()
    try:
        asyncio.run(asyncio.wait_for(everyone(), timeout=args.time_limit))
    except TimeoutError:
        print(f"  stopped at the time limit ({args.time_limit} s)")
    finally:
        memory = peak_rss_mib(server.pid)
        stop(server)
    wall = time.perf_counter() - started
    pace = f"pausing {args.think:g} s on average" if args.think else "back to back"
    print(f"  {len(links)} respondents, {args.concurrency} at a time, saves {pace}, {wall:.1f} s")
    print(
        f"  {'endpoint':<10} {'requests':>8} {'per s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
    )
    for endpoint, values in timings.latency.items():
        first, last = timings.span[endpoint]
        rate = len(values) / max(last - first, 1e-9)
        p50, p95, p99 = (percentile(values, s) * 1000 for s in (0.5, 0.95, 0.99))
        print(f"  {endpoint:<10} {len(values):>8} {rate:>8.0f} {p50:>8.1f} {p95:>8.1f} {p99:>8.1f}")
    for (endpoint, status), n in sorted(timings.refused.items()):
        print(f"  refused: {endpoint} {status} x{n}")
    for failure, n in sorted(timings.failures.items()):
        print(f"  no answer: {failure} x{n} (respondents who stopped there)")
    print(f"  server peak memory: {memory:.0f} MiB")
    saves = timings.latency.get("autosave")
    if saves:
        print(f"  autosave p95: {percentile(saves, 0.95) * 1000:.1f} ms (target < 100 ms)")
    check_answers(engine, folder, acknowledged)


def check_answers(engine: sa.Engine, folder: Path, acknowledged: dict[int, dict[str, str]]) -> None:
    """The database must hold exactly the submitted answers the server acknowledged."""
    from assessment.web.tables import EngagementRow, Submission

    with Session(engine) as session:
        mine = sa.select(EngagementRow.id).where(EngagementRow.folder == str(folder.absolute()))
        query = sa.select(Submission.answers).where(Submission.engagement_id.in_(mine))
        stored = [json.loads(a) for a in session.scalars(query)]
    canonical = collections.Counter(json.dumps(a, sort_keys=True) for a in stored)
    expected = collections.Counter(json.dumps(a, sort_keys=True) for a in acknowledged.values())
    lost = sum((expected - canonical).values())
    extra = sum((canonical - expected).values())
    print(
        f"  acknowledged submissions {len(acknowledged)}, stored {len(stored)}: "
        f"lost {lost}, unacknowledged {extra}   (target: lost 0)"
    )


# --- dashboard -------------------------------------------------------------------------------


def seed(engine: sa.Engine, folder: Path, count: int) -> str:
    """`count` submitted respondents over the units and roles, and a consultant account."""
    from assessment.loading.setup import load_setup
    from assessment.web.auth import hash_password
    from assessment.web.tables import Consultant, EngagementRow, Submission

    setup = load_setup(folder)
    units = [u.id for u in setup.profile.business_units]
    plan = answer_plan(folder)
    roles = [r for r in plan if plan[r]]
    now = dt.datetime.now(dt.UTC)
    with Session(engine) as session, session.begin():
        engagement_id = session.scalars(
            sa.select(EngagementRow.id).where(EngagementRow.folder == str(folder.absolute()))
        ).one()
        email = f"bench-{random.randrange(10**9)}@firm.example"  # a shared database keeps old ones
        session.add(Consultant(email=email, password_hash=hash_password(PASSWORD), created_at=now))
        rows = []
        for i in range(count):
            role = roles[i % len(roles)]
            rows.append(
                {
                    "engagement_id": engagement_id,
                    "respondent_id": f"WEB{i:06d}",
                    "unit": units[i % len(units)],
                    "role": role,
                    "answers": json.dumps(answers_for(plan[role], i, len(plan[role]))),
                    "comments": "{}",
                    "revision": 1,
                    "submitted_at": now,
                }
            )
        session.execute(sa.insert(Submission), rows)
    return email


def dashboard_part(args: argparse.Namespace, root: Path, server_core: set[int]) -> None:
    folder = engagement_copy(root / "dashboard")
    engine = database_of(folder, args.database)
    started = time.perf_counter()
    email = seed(engine, folder, args.dashboard_respondents)
    print(
        f"  seeded {args.dashboard_respondents} submissions "
        f"in {time.perf_counter() - started:.1f} s"
    )
    port = free_port()
    server = start_server(folder, port, args.database, server_core)
    try:
        with httpx.Client(
            base_url=f"http://127.0.0.1:{port}", timeout=120, follow_redirects=True
        ) as client:
            form = client.get("/sign-in").text
            token = re.search(r'name="token" value="([^"]+)"', form)
            assert token, "no sign-in form"
            signed = client.post(
                "/sign-in", data={"email": email, "password": PASSWORD, "token": token.group(1)}
            )
            assert signed.status_code == 200 and "/e/" in str(signed.url), "sign-in failed"
            path = signed.url.path
            started = time.perf_counter()
            first = client.get(path)
            first_s = time.perf_counter() - started
            print(
                f"  first load: {first_s * 1000:.0f} ms "
                f"({'updating' if 'Updating' in first.text else 'figures shown'}), target < 1 s"
            )
            started = time.perf_counter()
            deadline = started + args.time_limit
            while time.perf_counter() < deadline:
                state = client.get(f"{path}/figures", headers={"Accept": "application/json"}).json()
                if state["final"]:
                    break
                time.sleep(0.2)
            print(f"  figures ready in the background after {time.perf_counter() - started:.1f} s")
            loads = []
            for _ in range(20):
                started = time.perf_counter()
                page = client.get(path)
                loads.append(time.perf_counter() - started)
            counted = re.search(r"from (\d+) respondents", page.text)
            print(
                f"  cached load: median {statistics.median(loads) * 1000:.0f} ms, "
                f"max {max(loads) * 1000:.0f} ms over 20, target < 1 s"
            )
            print(
                f"  respondents in the scores: {counted.group(1) if counted else 'none'} "
                f"(web answers count once the loader reads them); progress table lists "
                f"{args.dashboard_respondents} web answers"
            )
        print(f"  server peak memory: {peak_rss_mib(server.pid):.0f} MiB")
    finally:
        stop(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="postgresql://user@host/name (default: SQLite)")
    parser.add_argument("--respondents", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--saves", type=int, default=8)
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean seconds a respondent pauses between autosaves (0: back to back)",
    )
    parser.add_argument("--time-limit", type=float, default=600, help="seconds, per part")
    parser.add_argument("--dashboard-respondents", type=int, default=10_000)
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--skip-dashboard", action="store_true")
    args = parser.parse_args()
    server_core, load_core = cores()
    os.sched_setaffinity(0, load_core)
    storage = "PostgreSQL" if args.database else "SQLite"
    print(
        f"storage: {storage}; server on core {sorted(server_core)}, "
        f"load on core {sorted(load_core)}"
    )
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        root = Path(tmp)
        if not args.skip_load:
            print("respondents' load:")
            load_part(args, root, server_core)
        if not args.skip_dashboard:
            print("dashboard:")
            dashboard_part(args, root, server_core)


if __name__ == "__main__":
    main()
