#!/usr/bin/env python3
"""desk benchmark: medians of several runs on generated desks, with plain git as the baseline.

For each size (BENCH_SIZES, default "10000 100000") this script
  1. creates a desk with `desk init`, fills its working tree with `desk-bench generate`,
     commits the files once with plain git and packs them with `git gc` (see PACKING below);
  2. times each operation RUNS times (default 7; fewer for the index rebuild when one run
     already exceeds the time budget) with time.perf_counter around subprocess.run, so
     process start-up is part of every figure, exactly as a user or script sees it;
  3. prints a Markdown table of medians and writes every sample to bench-out/bench.json.

Mutations are interleaved run by run (desk new, git new file, desk assign, desk comment,
git change, desk resolve, ...) so that machine noise hits desk and its git baseline alike,
and every run acts on a different ticket taken from the generated set.

PACKING: the seed commit's objects are packed (`git gc -q`) before measuring. desk packs
loose objects itself once more than `storage.pack_after_loose_objects` (default 2,000) pile
up, so a desk in use never holds 100,000 loose objects; left loose, the first timed desk
commit would pay for packing the whole seed. The loose-object count and pack state before
and after the measurements are recorded in the JSON ("repo_before", "repo_after").

Usage: bench.py --desk PATH --desk-bench PATH [--sizes "10000 100000"] [--runs 7]
                [--out bench-out/bench.json] [--keep] [--seed 1]
Monitoring (desk monitor ingest/scan/show on 1,000 laptops x 90 days, and the detector's precision
and recall on synthetic fleets) is measured once, after the sizes; BENCH_MONITOR=0 skips it.

Environment: BENCH_SIZES, BENCH_RUNS, BENCH_BUDGET (seconds per operation, default 60),
             BENCH_KEEP=1 (keep the generated desks), BENCH_TMPDIR (where to create them).
"""

import argparse
import datetime
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

# key, label, target text, target in ms (None: no numeric target), baseline key to beat
OPERATIONS = [
    ("startup", "`desk --help` (process start-up only)", "", None, None),
    ("new", "`desk new` (one commit, with its 3 suggestions)", "< 40 ms + 20 ms for suggestions", 60, "git_new"),
    ("new_no_suggest", "`desk new --no-suggest` (one commit)", "< 40 ms, faster than git new file", 40, "git_new"),
    ("assign", "`desk assign` (one commit)", "< 40 ms, faster than git change", 40, "git_change"),
    ("comment", "`desk comment` (one commit)", "< 40 ms, faster than git change", 40, "git_change"),
    ("resolve", "`desk resolve` (one commit)", "< 40 ms, faster than git change", 40, "git_change"),
    ("comment_fsync", "`desk comment` with `storage.fsync: true`", "(cost of durability)", None, None),
    ("git_change", "baseline: edit 1 ticket, `git add` + `git commit`", "(baseline)", None, None),
    ("git_new", "baseline: 1 new file, `git add` + `git commit`", "(baseline)", None, None),
    ("list_warm", "`desk list --status open --limit 50`, index warm", "< 50 ms", 50, None),
    ("list_after_desk_commit", "same list right after a `desk comment`", "< 100 ms", 100, None),
    ("list_after_git_commit", "same list right after a plain `git commit`", "< 100 ms", 100, None),
    ("query_limited", "`desk list --query vpn --limit 20`", "< 50 ms", 50, None),
    ("query", "`desk list --query vpn` (all matches)", "", None, None),
    ("show", "`desk show ID`", "< 30 ms", 30, None),
    ("log", "`desk log ID`", "< 200 ms", 200, None),
    ("rebuild", "index rebuilt from nothing (`desk list --limit 1`)", "< 5000 ms", 5000, None),
    ("kb_search", "`desk kb search` (2,000 articles)", "< 50 ms", 50, None),
    ("suggest_text", "`desk suggest --text …` (articles + resolved tickets)", "< 50 ms", 50, None),
    ("suggest_id", "`desk suggest ID`", "< 50 ms", 50, None),
    ("sla", "`desk sla` (every unresolved ticket on the business calendar)", "< 1000 ms", 1000, None),
    ("report_all", "`desk report --since 2000-01-01` (every ticket, by department)", "< 1000 ms", 1000, None),
    ("report", "`desk report` (last 30 days, by department)", "< 1000 ms", 1000, None),
    ("sla_at", "`desk sla --at HEAD~1` (recomputed from git and that desk.yml)", "", None, None),
    ("policy_check", "`desk policy check` (last 30 days, two desk.yml)", "", None, None),
    ("sync_in", "`desk sync`: 1,000 incoming commits on 1,000 tickets + 1 local (merge, push)", "< 5000 ms", 5000, None),
    ("git_pull_in", "baseline: `git pull` of the same 1,000 commits + 1 local (plain clone)", "(baseline)", None, None),
    ("sync_noop", "`desk sync` with nothing to do (bare remote on this disk)", "(one round trip)", None, None),
    ("git_fetch_noop", "baseline: `git fetch` with nothing to do", "(baseline)", None, None),
    ("lint", "`desk lint` (whole desk)", "< 3000 ms", 3000, None),
    ("git_grep", "baseline: `git grep -c ^id: -- tickets` (reads every file)", "(baseline)", None, None),
    ("lint_staged", "`desk lint --staged`, 1 changed file", "< 100 ms", 100, None),
    ("git_diff_cached", "baseline: `git diff --cached --name-only`", "(baseline)", None, None),
    ("lint_range", "`desk lint --range` over 1,000 commits", "< 5000 ms", 5000, None),
    ("git_log_patch", "baseline: `git log -p` over the same 1,000 commits", "(baseline)", None, None),
]

# Monitoring is measured once, on its own desk (it does not depend on the number of tickets).
MONITOR_DEVICES = 1000
MONITOR_DAYS = 90
MONITOR_OPERATIONS = [
    ("monitor_ingest", "`desk monitor ingest` of 630,000 samples (CSV, 27 MiB) into an empty store", "< 5000 ms", 5000),
    ("python_ingest", "baseline: Python `csv` + `sqlite3.executemany` of the same file, same table", "(baseline)", None),
    ("monitor_scan_dry", "`desk monitor scan --dry-run` (7,000 series, every detector)", "< 2000 ms", 2000),
    ("monitor_scan_first", "first `desk monitor scan` (opens every finding's ticket, one commit)", "", None),
    ("monitor_rescan", "`desk monitor scan` again (every finding already has its ticket)", "< 2000 ms", 2000),
    ("monitor_show", "`desk monitor show LPT-0001` (7 metrics, 42 days)", "", None),
]
# The detector is scored on synthetic fleets of 300 devices: the fixed seed of the tests and one more.
DETECTOR_SEEDS = [20261204, 5]

PYTHON_INGEST = """
import csv, sqlite3, sys
db = sqlite3.connect(sys.argv[2])
db.execute("CREATE TABLE samples(device TEXT, metric TEXT, time TEXT, value REAL, PRIMARY KEY(device, metric, time)) WITHOUT ROWID")
with open(sys.argv[1], newline="") as f:
    rows = csv.reader(f)
    next(rows)
    db.executemany("INSERT OR IGNORE INTO samples VALUES (?, ?, ?, ?)", ((d, m, t, float(v)) for d, t, m, v in rows))
db.commit()
"""

HISTORY_COMMITS = 1000

MUTATION_CYCLE = ["new", "new_no_suggest", "git_new", "assign", "comment", "git_change", "resolve"]

ARTICLES = 2000
SUGGEST_TEXTS = [
    "VPN valt steeds weg sinds vanochtend",
    "printer prints blank pages on floor 2",
    "passordet har utløpt og jeg får ikke logget inn",
    "Outlook search finds nothing",
    "laptop very slow after update",
    "wachtwoord vergeten",
    "kan ikke koble til wifi",
]


def log(message):
    print(message, file=sys.stderr, flush=True)


class Failure(Exception):
    pass


def clean_up(base, repo, keep):
    """Removes a generated desk's folder, or says where it was kept."""
    if keep:
        log("  kept the desk in %s" % repo)
    else:
        shutil.rmtree(base, ignore_errors=True)


class Bench:
    def __init__(self, desk, desk_bench, runs, budget, seed):
        self.desk = desk
        self.desk_bench = desk_bench
        self.runs = runs
        self.budget = budget
        self.seed = seed
        self.env = dict(os.environ)
        self.env.update({
            "DESK_USER": "bench",
            "DESK_EMAIL": "bench@example.org",
            "NO_COLOR": "1",
            # Plain git for the seed and the baseline, unaffected by the caller's git configuration.
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
            # No background `git gc --auto` after the seed commit: it would pack while we measure.
            "GIT_CONFIG_COUNT": "2",
            "GIT_CONFIG_KEY_0": "gc.auto",
            "GIT_CONFIG_VALUE_0": "0",
            "GIT_CONFIG_KEY_1": "maintenance.auto",
            "GIT_CONFIG_VALUE_1": "false",
            "GIT_AUTHOR_NAME": "bench",
            "GIT_AUTHOR_EMAIL": "bench@example.org",
            "GIT_COMMITTER_NAME": "bench",
            "GIT_COMMITTER_EMAIL": "bench@example.org",
        })
        self.env.pop("DESK_DIR", None)

    # --- running things ---

    def run(self, argv, capture=False, timeout=1800):
        """Runs a command; returns (seconds, stdout). Raises Failure on a non-zero exit."""
        start = time.perf_counter()
        try:
            proc = subprocess.run(argv, env=self.env, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise Failure("`%s` took more than %d s" % (" ".join(argv[:6]), timeout))
        except OSError as error:
            raise Failure("cannot run %s: %s" % (argv[0], error))
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise Failure("`%s` exited %d: %s" % (" ".join(argv[:6]), proc.returncode, " | ".join(err[-3:])))
        return elapsed, (proc.stdout.decode("utf-8", "replace") if capture else "")

    def git(self, repo, *args, capture=False):
        return self.run(["git", "-C", repo] + list(args), capture=capture)

    def d(self, repo, verb, *args):
        """`desk VERB -C REPO ARGS…` (the desk options belong to each subcommand; VERB may be
        a group and its command, like "kb search")."""
        return [self.desk] + verb.split() + ["-C", repo] + list(args)

    # --- repository state ---

    def repo_state(self, repo):
        state = {}
        try:
            _, out = self.git(repo, "count-objects", "-v", capture=True)
            for line in out.splitlines():
                key, _, value = line.partition(":")
                state[key.strip().replace("-", "_")] = int(value.strip()) if value.strip().isdigit() else value.strip()
            _, out = self.git(repo, "rev-list", "--count", "HEAD", capture=True)
            state["commits"] = int(out.strip())
        except Failure as error:
            state["error"] = str(error)
        index = os.path.join(repo, ".git", "index")
        if os.path.exists(index):
            with open(index, "rb") as f:
                header = f.read(12)
            state["git_index_bytes"] = os.path.getsize(index)
            state["git_index_version"] = int.from_bytes(header[4:8], "big") if header[:4] == b"DIRC" else None
            state["git_index_entries"] = int.from_bytes(header[8:12], "big") if header[:4] == b"DIRC" else None
        sqlite = os.path.join(repo, ".git", "desk", "index.sqlite")
        state["desk_index_bytes"] = os.path.getsize(sqlite) if os.path.exists(sqlite) else None
        packs = os.path.join(repo, ".git", "objects", "pack")
        state["pack_files"] = sorted(n for n in os.listdir(packs) if n.endswith(".pack")) if os.path.isdir(packs) else []
        return state

    # --- one size ---

    def bench_size(self, size, tmp_root, keep):
        result = {"tickets": size, "setup": {}, "operations": {}}
        base = tempfile.mkdtemp(prefix="desk-bench-%d-" % size, dir=tmp_root)
        repo = os.path.join(base, "desk")
        manifest = os.path.join(base, "manifest.tsv")
        result["path"] = repo
        result["load_average_at_start"] = list(os.getloadavg())
        try:
            self.setup(size, repo, manifest, result["setup"])
            result["repo_before"] = self.repo_state(repo)
            self.measure(size, repo, manifest, result)
            result["repo_after"] = self.repo_state(repo)
            result["load_average_at_end"] = list(os.getloadavg())
        except Failure as error:
            result["error"] = str(error)
            log("  FAILED: %s" % error)
        finally:
            clean_up(base, repo, keep)
        return result

    def bench_monitor(self, tmp_root, keep):
        """Ingest, scan and show on a desk of 1,000 laptops with 90 days of telemetry."""
        result = {"devices": MONITOR_DEVICES, "days": MONITOR_DAYS, "operations": {}}
        base = tempfile.mkdtemp(prefix="desk-bench-monitor-", dir=tmp_root)
        repo = os.path.join(base, "desk")
        csv_path = os.path.join(base, "telemetry.csv")
        samples = {key: [] for key, *_ in MONITOR_OPERATIONS}
        errors = {}
        log("== monitoring: %d devices x %d days in %s" % (MONITOR_DEVICES, MONITOR_DAYS, repo))
        try:
            self.run([self.desk, "init", repo])
            _, out = self.run([self.desk_bench, "telemetry", repo, "--devices", str(MONITOR_DEVICES),
                               "--days", str(MONITOR_DAYS), "--csv", csv_path], capture=True)
            log("  " + out.strip())
            result["generate_output"] = out.strip()
            self.git(repo, "add", "-A")
            self.git(repo, "commit", "-q", "-m", "assets: %d laptops" % MONITOR_DEVICES)
            store = os.path.join(repo, ".git", "desk", "telemetry.sqlite")

            def empty_store():
                for suffix in ("", "-wal", "-shm"):
                    if os.path.exists(store + suffix):
                        os.remove(store + suffix)

            def timed(key, argv, prepare=None):
                if key in errors:
                    return
                try:
                    if prepare:
                        prepare()
                    samples[key].append(self.run(argv)[0] * 1000.0)
                except (Failure, OSError) as error:
                    errors[key] = str(error)
                    log("  %s failed: %s" % (key, error))

            python_db = os.path.join(base, "baseline.sqlite")

            def empty_python_db():
                if os.path.exists(python_db):
                    os.remove(python_db)

            for _ in range(self.runs):
                timed("monitor_ingest", self.d(repo, "monitor ingest", csv_path), empty_store)
                timed("python_ingest", [sys.executable, "-c", PYTHON_INGEST, csv_path, python_db], empty_python_db)
            _, out = self.run(self.d(repo, "monitor scan", "--dry-run", "--json"), capture=True)
            findings = len(json.loads(out)["items"])
            for _ in range(self.runs):
                timed("monitor_scan_dry", self.d(repo, "monitor scan", "--dry-run"))
            timed("monitor_scan_first", self.d(repo, "monitor scan"))
            for _ in range(self.runs):
                timed("monitor_rescan", self.d(repo, "monitor scan"))
                timed("monitor_show", self.d(repo, "monitor show", "LPT-0001"))
            result["findings"] = findings
            log("  %d findings on the generated fleet" % findings)
        except Failure as error:
            result["error"] = str(error)
            log("  FAILED: %s" % error)
        finally:
            clean_up(base, repo, keep)
        for key, label, target_text, _ in MONITOR_OPERATIONS:
            values = samples[key]
            entry = {"label": label, "target": target_text, "runs": len(values), "samples_ms": [round(v, 2) for v in values]}
            if values:
                entry.update(median_ms=round(statistics.median(values), 2), min_ms=round(min(values), 2),
                             max_ms=round(max(values), 2))
            if key in errors:
                entry["error"] = errors[key]
            result["operations"][key] = entry
        result["detector"] = []
        for seed in DETECTOR_SEEDS:
            try:
                _, out = self.run([self.desk_bench, "detector-eval", "--seed", str(seed)], capture=True)
                result["detector"].append(json.loads(out))
            except (Failure, ValueError) as error:
                result["detector"].append({"seed": seed, "error": str(error)})
        return result

    def setup(self, size, repo, manifest, setup):
        log("== %d tickets: setting up in %s" % (size, repo))
        setup["desk_init_s"], _ = self.run([self.desk, "init", repo])
        seconds, out = self.run([self.desk_bench, "generate", repo, "--tickets", str(size),
                                 "--seed", str(self.seed), "--manifest", manifest], capture=True)
        setup["generate_s"] = seconds
        setup["generate_output"] = out.strip()
        log("  " + out.strip())
        seconds, out = self.run([self.desk_bench, "articles", repo, "--count", str(ARTICLES)], capture=True)
        setup["articles_s"] = seconds
        log("  " + out.strip())
        setup["git_add_all_s"], _ = self.git(repo, "add", "-A")
        setup["git_commit_seed_s"], _ = self.git(repo, "commit", "-q", "-m", "seed: %d generated tickets" % size)
        setup["loose_before_gc"] = self.repo_state(repo).get("count")
        setup["git_gc_s"], _ = self.git(repo, "gc", "-q")
        log("  git add -A %.1f s, commit %.1f s, gc %.1f s" % (setup["git_add_all_s"], setup["git_commit_seed_s"],
                                                              setup["git_gc_s"]))
        # The first query builds the index from nothing, as the first desk command on a fresh clone does.
        setup["first_index_build_s"], _ = self.run(self.d(repo, "list", "--limit", "1"))
        log("  first index build %.1f s" % setup["first_index_build_s"])

    def measure(self, size, repo, manifest, result):
        ops = result["operations"]
        samples = {key: [] for key, *_ in OPERATIONS}
        errors = {}
        rng = random.Random(self.seed * 1_000_003 + size)
        open_ids, all_ids = [], []
        with open(manifest) as f:
            for line in f:
                fields = line.rstrip("\n").split("\t")
                all_ids.append(fields[0])
                if fields[1] == "open":
                    open_ids.append(fields[0])
        rng.shuffle(open_ids)
        if len(open_ids) < 8 * self.runs + 2:
            raise Failure("only %d open tickets; generate more tickets or use fewer runs" % len(open_ids))
        pool = iter(open_ids)

        def path_of(ticket):
            return os.path.join(repo, "tickets", ticket[2:4], ticket + ".md")

        def timed(key, fn):
            if key in errors:
                return
            try:
                samples[key].append(fn() * 1000.0)
            except (Failure, OSError) as error:
                errors[key] = str(error)
                log("  %s failed: %s" % (key, error))

        def git_change(ticket, run):
            # Write the change first (as desk does inside its own time), then add and commit.
            start = time.perf_counter()
            with open(path_of(ticket), "a") as f:
                f.write("\nBench note %d.\n" % run)
            self.git(repo, "add", os.path.relpath(path_of(ticket), repo))
            self.git(repo, "commit", "-q", "-m", "%s: bench note %d" % (ticket, run))
            return time.perf_counter() - start

        template = open(path_of(all_ids[0])).read()

        def git_new(run):
            ticket = "T-Z%07d" % (size % 97 * 100 + run)
            text = template.replace("id: %s\n" % all_ids[0], "id: %s\n" % ticket, 1)
            start = time.perf_counter()
            os.makedirs(os.path.dirname(path_of(ticket)), exist_ok=True)
            with open(path_of(ticket), "x") as f:
                f.write(text)
            self.git(repo, "add", os.path.relpath(path_of(ticket), repo))
            self.git(repo, "commit", "-q", "-m", "%s: new (plain git)" % ticket)
            return time.perf_counter() - start

        list_open = self.d(repo, "list", "--status", "open", "--limit", "50")

        # Start-up floor.
        log("  start-up, reads")
        self.run([self.desk, "--help"])
        for _ in range(self.runs):
            timed("startup", lambda: self.run([self.desk, "--help"])[0])

        # Reads on a warm index (one untimed run first).
        for key, argv_of in [
            ("list_warm", lambda r: list_open),
            ("query_limited", lambda r: self.d(repo, "list", "--query", "vpn", "--limit", "20")),
            ("query", lambda r: self.d(repo, "list", "--query", "vpn")),
        ]:
            try:
                self.run(argv_of(-1))
            except Failure as error:
                errors[key] = str(error)
                log("  %s failed: %s" % (key, error))
                continue
            for run in range(self.runs):
                timed(key, lambda: self.run(argv_of(run))[0])
        # Knowledge: search and suggestions (one untimed run first).
        self.run(self.d(repo, "kb search", "vpn"))
        for run in range(self.runs):
            text = SUGGEST_TEXTS[run % len(SUGGEST_TEXTS)]
            timed("kb_search", lambda: self.run(self.d(repo, "kb search", text))[0])
            timed("suggest_text", lambda: self.run(self.d(repo, "suggest", "--text", text))[0])
        for ticket in rng.sample(all_ids, self.runs):
            timed("suggest_id", lambda: self.run(self.d(repo, "suggest", ticket))[0])
        shown = rng.sample(all_ids, 2 * self.runs + 2)
        for key, verb, ids in [("show", "show", shown[:self.runs + 1]), ("log", "log", shown[self.runs + 1:])]:
            try:
                self.run(self.d(repo, verb, ids[0]))
            except Failure as error:
                errors[key] = str(error)
                log("  %s failed: %s" % (key, error))
                continue
            for run in range(self.runs):
                timed(key, lambda: self.run(self.d(repo, verb, ids[run + 1]))[0])

        # Mutations, interleaved with their git baselines.
        log("  mutations (%d runs each)" % self.runs)
        for run in range(self.runs):
            for key in MUTATION_CYCLE:
                if key in ("new", "new_no_suggest"):
                    extra = ["--no-suggest"] if key == "new_no_suggest" else []
                    timed(key, lambda: self.run(self.d(
                        repo, "new", "Bench %d: VPN drops every few minutes" % run,
                        "--body", "Since this morning the VPN drops every few minutes.\n\nRun %d." % run,
                        "--requester", "bench.user", "--department", "finance", "--category", "network/vpn", *extra))[0])
                elif key == "git_new":
                    timed(key, lambda: git_new(run))
                elif key == "assign":
                    ticket = next(pool)
                    timed(key, lambda: self.run(self.d(repo, "assign", ticket, "alice"))[0])
                elif key == "comment":
                    ticket = next(pool)
                    timed(key, lambda: self.run(self.d(
                        repo, "comment", ticket, "Checked with the requester; works again after a restart (%d)." % run))[0])
                elif key == "git_change":
                    ticket = next(pool)
                    timed(key, lambda: git_change(ticket, run))
                elif key == "resolve":
                    ticket = next(pool)
                    timed(key, lambda: self.run(self.d(
                        repo, "resolve", ticket, "--resolution", "Reset the VPN profile; stable since (%d)." % run))[0])

        # The index catching up with a commit made by another process.
        log("  list after commits")
        for run in range(self.runs):
            ticket = next(pool)
            try:
                self.run(self.d(repo, "comment", ticket, "Another process was here (%d)." % run))
                timed("list_after_desk_commit", lambda: self.run(list_open)[0])
            except Failure as error:
                errors.setdefault("list_after_desk_commit", str(error))
            ticket = next(pool)
            try:
                git_change(ticket, 100 + run)
                timed("list_after_git_commit", lambda: self.run(list_open)[0])
            except Failure as error:
                errors.setdefault("list_after_git_commit", str(error))

        # The cost of durability: the same comment with objects, refs, file and index fsynced.
        log("  comment with storage.fsync: true")
        config_path = os.path.join(repo, "desk.yml")
        original = open(config_path).read()
        try:
            with open(config_path, "w") as f:
                f.write(original.replace("fsync: false", "fsync: true"))
            self.git(repo, "commit", "-q", "-am", "bench: storage.fsync true")
            self.run(self.d(repo, "comment", next(pool), "warm-up with fsync"))
            for run in range(self.runs):
                ticket = next(pool)
                timed("comment_fsync", lambda: self.run(self.d(
                    repo, "comment", ticket, "Checked with the requester (fsync %d)." % run))[0])
        except Failure as error:
            errors.setdefault("comment_fsync", str(error))
        finally:
            with open(config_path, "w") as f:
                f.write(original)
            self.git(repo, "commit", "-q", "-am", "bench: storage.fsync false")

        # Index rebuilt from nothing: slow at scale, so bounded by the time budget (at least one run).
        log("  index rebuild")
        index = os.path.join(repo, ".git", "desk")
        spent = 0.0
        first = result["setup"].get("first_index_build_s", 0)
        if first > self.budget:
            # One build from nothing already took longer than the budget: that build is the sample.
            samples["rebuild"].append(first * 1000.0)
            result["setup"]["rebuild_sample_is_first_build"] = True
        for run in range(self.runs if first <= self.budget else 0):
            for name in os.listdir(index) if os.path.isdir(index) else []:
                if name.startswith("index.sqlite"):
                    os.unlink(os.path.join(index, name))
            timed("rebuild", lambda: self.run(self.d(repo, "list", "--limit", "1"))[0])
            spent += samples["rebuild"][-1] / 1000.0 if samples["rebuild"] else 0
            if "rebuild" in errors or spent > self.budget:
                break

        measure_service(self, repo, timed, errors)
        measure_sync(self, repo, rng, all_ids, path_of, timed, errors)
        measure_lint(self, repo, manifest, rng, all_ids, path_of, timed, errors)

        for key, label, target_text, target_ms, baseline in OPERATIONS:
            values = samples[key]
            entry = {"label": label, "target": target_text, "runs": len(values),
                     "samples_ms": [round(v, 2) for v in values]}
            if values:
                entry.update(median_ms=round(statistics.median(values), 2), min_ms=round(min(values), 2),
                             max_ms=round(max(values), 2))
            if key in errors:
                entry["error"] = errors[key]
            ops[key] = entry


def measure_service(bench, repo, timed, errors):
    """SLA and reporting over the whole desk: one untimed run each first (warm index)."""
    log("  sla, report, policy check")
    for key, argv in [
        ("sla", bench.d(repo, "sla")),
        ("report_all", bench.d(repo, "report", "--since", "2000-01-01")),
        ("report", bench.d(repo, "report")),
        ("sla_at", bench.d(repo, "sla", "--at", "HEAD~1")),
        ("policy_check", bench.d(repo, "policy check")),
    ]:
        try:
            bench.run(argv)
        except Failure as error:
            errors[key] = str(error)
            log("  %s failed: %s" % (key, error))
            continue
        for _ in range(bench.runs):
            timed(key, lambda: bench.run(argv)[0])


SYNC_INCOMING = 1000


def incoming_commits(bench, bare, tickets, path_of, run):
    """Another desk's work arriving at the shared remote: one commit per ticket, each adding a
    comment to the ticket's activity (as `desk comment` writes it), made with git fast-import."""
    stream = []
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    for i, ticket in enumerate(tickets):
        with open(path_of(ticket)) as f:
            text = f.read()
        head, sep, body = text[4:].partition("\n---\n")
        entry = ("- id: A-B%07d\n  at: %s\n  author: bob\n  kind: comment\n  text: \"Bench sync note %d.%d\"" %
                 (run * 10_000 + i, stamp, run, i))
        lines = [("updated: " + stamp) if line.startswith("updated:") else line for line in head.split("\n")]
        new = "---\n" + "\n".join(lines) + "\n" + entry + sep + body
        data = new.encode()
        message = ("%s: comment" % ticket).encode()
        stream.append(b"commit refs/heads/main\n")
        stream.append(b"committer bob <bob@example.org> %d +0000\n" % int(time.time()))
        stream.append(b"data %d\n%s\n" % (len(message), message))
        if i == 0:
            stream.append(b"from refs/heads/main^0\n")
        rel = os.path.join("tickets", ticket[2:4], ticket + ".md").encode()
        stream.append(b"M 100644 inline %s\ndata %d\n%s\n" % (rel, len(data), data))
    proc = subprocess.run(["git", "-C", bare, "fast-import", "--quiet"], input=b"".join(stream), env=bench.env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        raise Failure("git fast-import failed: %s" % proc.stderr.decode("utf-8", "replace")[-300:])


def measure_sync(bench, repo, rng, all_ids, path_of, timed, errors):
    """desk sync against a bare repository on this disk: each run, another desk has pushed
    SYNC_INCOMING commits touching as many tickets, and this desk has one commit of its own,
    so the sync fetches, merges in memory, updates the working tree and pushes. The baseline
    pulls the same commits into a plain git clone with one local commit too."""
    log("  sync: %d incoming commits per run" % SYNC_INCOMING)
    base = os.path.dirname(repo)
    bare = os.path.join(base, "shared.git")
    plain = os.path.join(base, "plain")
    try:
        bench.git(base, "clone", "-q", "--bare", repo, bare)
        bench.run(bench.d(repo, "remote add", "origin", bare))
        bench.run(bench.d(repo, "sync"))
        bench.git(base, "clone", "-q", bare, plain)
    except Failure as error:
        for key in ("sync_in", "git_pull_in", "sync_noop", "git_fetch_noop"):
            errors[key] = str(error)
        log("  sync setup failed: %s" % error)
        return
    tickets = list(all_ids)
    for run in range(bench.runs):
        chosen = rng.sample(tickets, SYNC_INCOMING + 2)
        try:
            incoming_commits(bench, bare, chosen[:SYNC_INCOMING], path_of, run)
            bench.run(bench.d(repo, "comment", chosen[-1], "Local note before sync %d" % run))
            with open(os.path.join(plain, "tickets", chosen[-2][2:4], chosen[-2] + ".md"), "a") as f:
                f.write("\nLocal note %d.\n" % run)
            bench.git(plain, "commit", "-q", "-am", "local note %d" % run)
        except (Failure, OSError) as error:
            errors.setdefault("sync_in", str(error))
            log("  sync run setup failed: %s" % error)
            break
        timed("sync_in", lambda: bench.run(bench.d(repo, "sync"))[0])
        timed("git_pull_in", lambda: bench.git(plain, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main")[0])
        # The plain clone's merge goes back, so the next run's remote has it too (untimed).
        try:
            bench.git(plain, "push", "-q", "origin", "main")
        except Failure:
            bench.git(plain, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main")
            bench.git(plain, "push", "-q", "origin", "main")
    try:
        bench.run(bench.d(repo, "sync"))
        bench.git(plain, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main")
    except Failure as error:
        errors.setdefault("sync_noop", str(error))
    for _ in range(bench.runs):
        timed("sync_noop", lambda: bench.run(bench.d(repo, "sync"))[0])
        timed("git_fetch_noop", lambda: bench.git(plain, "fetch", "-q", "origin")[0])


def measure_lint(bench, repo, manifest, rng, all_ids, path_of, timed, errors):
    """desk lint: whole desk (vs git grep reading every file), --staged with one changed file
    (vs git diff --cached), and --range over HISTORY_COMMITS desk commits (vs git log -p)."""
    log("  lint: whole desk")

    def lint_exit_ok(argv):
        # Findings (exit 1) are a result, not a failure of the measurement.
        start = time.perf_counter()
        proc = subprocess.run(argv, env=bench.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
        if proc.returncode not in (0, 1):
            raise Failure("%s exited %d: %s" % (" ".join(argv[:4]), proc.returncode, proc.stderr.decode()[-400:]))
        return elapsed

    def git_timed(*args):
        start = time.perf_counter()
        subprocess.run(["git", "-C", repo] + list(args), env=bench.env, stdout=subprocess.DEVNULL, check=True)
        return time.perf_counter() - start

    lint_exit_ok(bench.d(repo, "lint"))
    for run in range(bench.runs):
        timed("lint", lambda: lint_exit_ok(bench.d(repo, "lint")))
        timed("git_grep", lambda: git_timed("grep", "-c", "^id:", "--", "tickets"))

    log("  lint --staged")
    staged = rng.sample(all_ids, bench.runs)
    for run in range(bench.runs):
        path = os.path.relpath(path_of(staged[run]), repo)
        with open(os.path.join(repo, path), "a") as f:
            f.write("\nStaged note %d.\n" % run)
        bench.git(repo, "add", path)
        timed("lint_staged", lambda: lint_exit_ok(bench.d(repo, "lint", "--staged")))
        timed("git_diff_cached", lambda: git_timed("diff", "--cached", "--name-only"))
        bench.git(repo, "reset", "-q", "HEAD", "--", path)
        bench.git(repo, "checkout", "-q", "--", path)

    log("  lint --range over %d commits" % HISTORY_COMMITS)
    try:
        bench.run([bench.desk_bench, "history", repo, "--commits", str(HISTORY_COMMITS), "--manifest", manifest],
                  timeout=3600)
    except Failure as error:
        errors["lint_range"] = str(error)
        log("  history failed: %s" % error)
        return
    spec = "HEAD~%d..HEAD" % HISTORY_COMMITS
    lint_exit_ok(bench.d(repo, "lint", "--range", spec))
    for run in range(bench.runs):
        timed("lint_range", lambda: lint_exit_ok(bench.d(repo, "lint", "--range", spec)))
        timed("git_log_patch", lambda: git_timed("log", "-p", "--format=%H %an", spec))


def fmt(entry):
    if not entry or "median_ms" not in entry:
        return "failed" if entry and "error" in entry else "—"
    ms = entry["median_ms"]
    text = "%.0f" % ms if ms >= 1000 else "%.1f" % ms
    return text + ("" if entry["runs"] > 2 else " (n=%d)" % entry["runs"])


def checks(size_result):
    """Target checks for one size: (label, ok, detail)."""
    ops = size_result.get("operations", {})
    lines = []
    for key, label, _, target_ms, baseline in OPERATIONS:
        entry = ops.get(key, {})
        if target_ms is None or "median_ms" not in entry:
            continue
        ok = entry["median_ms"] < target_ms
        detail = "%.1f ms < %d ms" % (entry["median_ms"], target_ms)
        base = ops.get(baseline, {}) if baseline else {}
        if "median_ms" in base:
            ok = ok and entry["median_ms"] < base["median_ms"]
            detail += ", and < %s %.1f ms" % (baseline.replace("_", " "), base["median_ms"])
        lines.append((label, ok, detail))
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--desk", required=True)
    parser.add_argument("--desk-bench", required=True)
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "10000 100000"))
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "7")))
    parser.add_argument("--budget", type=float, default=float(os.environ.get("BENCH_BUDGET", "60")))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default="bench-out/bench.json")
    parser.add_argument("--keep", action="store_true", default=os.environ.get("BENCH_KEEP") == "1")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.replace(",", " ").split()]
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    started = time.perf_counter()
    bench = Bench(os.path.abspath(args.desk), os.path.abspath(args.desk_bench), args.runs, args.budget, args.seed)
    # Ranking quality on the labelled set (Tests/Fixtures/kb-eval): not a timing, measured once.
    fixtures = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "kb-eval")
    try:
        _, out = bench.run([bench.desk_bench, "kb-eval", fixtures], capture=True)
        ranking = json.loads(out)
    except (Failure, ValueError) as error:
        ranking = {"error": str(error)}
    tmp_root = os.environ.get("BENCH_TMPDIR") or None
    results = {}
    for size in sizes:
        results[str(size)] = bench.bench_size(size, tmp_root, args.keep)
    monitor = bench.bench_monitor(tmp_root, args.keep) if os.environ.get("BENCH_MONITOR", "1") != "0" else None

    def tool_version(argv):
        try:
            return subprocess.run(argv, capture_output=True, text=True).stdout.strip()
        except OSError:
            return None

    here = os.path.dirname(os.path.abspath(__file__))
    document = {
        "generated_at": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "runs": args.runs,
        "statistic": "median of runs; process start-up included (time.perf_counter around subprocess.run)",
        "packing": "seed commit packed with `git gc -q` before measuring; see repo_before/repo_after",
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
                    "git": tool_version(["git", "--version"]),
                    "load_average_at_end": list(os.getloadavg()) if hasattr(os, "getloadavg") else None},
        "source_commit": tool_version(["git", "-C", here, "rev-parse", "HEAD"]),
        "source_dirty": bool(tool_version(["git", "-C", here, "status", "--porcelain", "--untracked-files=no"])),
        "total_seconds": round(time.perf_counter() - started, 1),
        "ranking": ranking,
        "sizes": results,
        "monitor": monitor,
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(document, f, indent=2)
        f.write("\n")

    # The table.
    header = "| operation | " + " | ".join("%s median ms" % human(s) for s in sizes) + " | target |"
    print()
    print(header)
    print("|" + "---|" * (len(sizes) + 2))
    for key, label, target_text, _, _ in OPERATIONS:
        cells = [fmt(results[str(s)].get("operations", {}).get(key)) for s in sizes]
        print("| %s | %s | %s |" % (label, " | ".join(cells), target_text))
    print()
    if "error" in ranking:
        print("ranking quality: FAILED: %s" % ranking["error"])
    else:
        print("ranking quality (labelled set, %d articles, %d tickets): hit@1 %.3f, hit@3 %.3f (target >= 0.85); %s; "
              "drafts or retired suggested: %d" % (
                  ranking["articles"], ranking["cases"], ranking["hit_at_1"], ranking["hit_at_3"],
                  ", ".join("%s %.2f/%.2f" % (lang, v["hit_at_1"], v["hit_at_3"])
                            for lang, v in sorted(ranking["by_language"].items())),
                  ranking["unpublished_suggested"]))
    print()
    for s in sizes:
        r = results[str(s)]
        setup, before = r.get("setup", {}), r.get("repo_before", {})
        if "error" in r:
            print("%s: FAILED: %s" % (human(s), r["error"]))
        if before:
            print("%s: measured on %d commits; %s loose objects (%s before gc), %s in %d pack(s) (%s KiB); "
                  "git index v%s, %s entries, %s bytes; generate %.1f s, git add -A %.1f s, commit %.1f s, gc %.1f s, "
                  "first index build %.1f s" % (
                      human(s), before.get("commits", 0), before.get("count"), setup.get("loose_before_gc"),
                      before.get("in_pack"), len(before.get("pack_files", [])), before.get("size_pack"),
                      before.get("git_index_version"), before.get("git_index_entries"), before.get("git_index_bytes"),
                      setup.get("generate_s", 0), setup.get("git_add_all_s", 0), setup.get("git_commit_seed_s", 0),
                      setup.get("git_gc_s", 0), setup.get("first_index_build_s", 0)))
        after = r.get("repo_after")
        if after:
            print("%s: after measuring: %s loose objects, %d pack(s); load average %.1f at start, %.1f at end "
                  "(%d cores)" % (human(s), after.get("count"), len(after.get("pack_files", [])),
                                 r["load_average_at_start"][0], r["load_average_at_end"][0], os.cpu_count()))
    if monitor:
        print_monitor(monitor)
    largest = str(max(sizes))
    lines = checks(results[largest]) + (monitor_checks(monitor) if monitor else [])
    if lines:
        print()
        print("Targets at %s tickets:" % human(int(largest)))
        for label, ok, detail in lines:
            print("  %s %s: %s" % ("ok  " if ok else "MISS", label, detail))
    errors = [(s, k, e["error"]) for s, r in results.items() for k, e in r.get("operations", {}).items() if "error" in e]
    for s, k, e in errors:
        print("error (%s, %s): %s" % (human(int(s)), k, e))
    print()
    print("Figures: %s (total %.0f s)" % (args.out, document["total_seconds"]))
    return 1 if any("error" in r for r in results.values()) or (monitor and "error" in monitor) else 0


def print_monitor(monitor):
    print()
    print("| monitoring: %d devices x %d days x 7 metrics | median ms | target |" % (monitor["devices"], monitor["days"]))
    print("|---|---|---|")
    for key, label, target_text, _ in MONITOR_OPERATIONS:
        print("| %s | %s | %s |" % (label, fmt(monitor["operations"].get(key)), target_text))
    if "error" in monitor:
        print("monitoring: FAILED: %s" % monitor["error"])
    if "findings" in monitor:
        print("findings on the generated fleet: %d" % monitor["findings"])
    print()
    for result in monitor.get("detector", []):
        if "error" in result:
            print("detector (seed %s): FAILED: %s" % (result["seed"], result["error"]))
            continue
        shapes = ", ".join("%s %d/%d" % (shape, v["detected"], v["total"]) for shape, v in sorted(result["recall_by_shape"].items()))
        print("detector, synthetic fleet of %d devices x %d days, seed %d: precision %.3f (%d true, %d false alarms), "
              "recall on changes >= 25%% %.3f (%d/%d: %s), median delay %.1f days (targets: >= 0.95, >= 0.90, <= 3)" % (
                  result["devices"], result["days"], result["seed"], result["precision"], result["true_positives"],
                  result["false_positives"], result["recall"], result["recall_detected"], result["recall_total"], shapes,
                  result["median_delay_days"]))


def monitor_checks(monitor):
    lines = []
    for key, label, _, target_ms in MONITOR_OPERATIONS:
        entry = monitor["operations"].get(key, {})
        if target_ms is not None and "median_ms" in entry:
            lines.append((label, entry["median_ms"] < target_ms, "%.1f ms < %d ms" % (entry["median_ms"], target_ms)))
    return lines


def human(n):
    return "%dk" % (n // 1000) if n >= 1000 and n % 1000 == 0 else str(n)


if __name__ == "__main__":
    sys.exit(main())
