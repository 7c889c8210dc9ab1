#!/usr/bin/env bash
# A short walk-through on a copy of the example desk: new (routed to the department's face, due
# times on the business calendar) → suggest → comment → resolve citing an article → list → sla →
# report → policy check of a desk.yml edit → a requester refused → kb search/show → log → blame
# → lint (and lint catching a bad hand edit) → the fleet's telemetry opening two tickets before
# anyone calls → two desks syncing through a bare repository, both editing the same ticket.
set -euo pipefail
desk="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
here="$(cd "$(dirname "$0")/.." && pwd)"
demo="$(mktemp -d -t desk-demo-XXXXXX)"
export DESK_USER=alice DESK_DIR="$demo"
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
run() { step "desk $*"; "$desk" "$@"; }

run init "$demo"
# The example tickets arrive the way a hand edit or a `git pull` would: as a plain git commit.
cp -r "$here/examples/desk/tickets" "$here/examples/desk/kb" "$here/examples/desk/assets" "$here/examples/desk/desk.yml" "$demo/"
step "git add -A && git commit -m 'example tickets'"
git -C "$demo" -c user.name=alice -c user.email=alice@example.org add -A
git -C "$demo" -c user.name=alice -c user.email=alice@example.org commit -q -m "Seed the example desk"

run list
step 'desk new "Printer on floor 2 prints blank pages" --requester ingrid.hansen --department sales --category printing --urgency high'
id=$("$desk" new "Printer on floor 2 prints blank pages" --requester ingrid.hansen --department sales --category printing --urgency high \
     --body "Since this morning every job comes out blank. Toner shows 40 %.")
run show "$id"
run suggest "$id"
run comment "$id" "Replaced the drum unit; test page looks good."
run resolve "$id" --resolution "Worn drum unit replaced; printed a test page with Ingrid." --kb KB-683XRT
run list --all --department sales
run sla
run report --since 2026-10-26 --until 2026-11-23
step "sed -i 's/sales: { face: alice, deputy: bob }/sales: { face: bob, deputy: alice }/' desk.yml && desk policy check --since 2026-10-01"
sed -i 's/sales: { face: alice, deputy: bob }/sales: { face: bob, deputy: alice }/' "$demo/desk.yml"
"$desk" policy check --since 2026-10-01
git -C "$demo" checkout -q -- desk.yml
step "DESK_USER=lisa.meijer desk assign $id lisa.meijer   # a requester may raise and comment, not assign"
DESK_USER=lisa.meijer "$desk" assign "$id" lisa.meijer || echo "(exit $? — refused)"
run list --query wachtwoord
run kb search "wachtwoord vergeten"
run kb show KB-683XRT
run log "$id"
run blame "$id"
run lint
step "sed -i 's/^status: resolved/status: done/' <ticket file> && desk lint   # a bad hand edit is caught"
file="$demo/tickets/${id:2:2}/$id.md"
sed -i 's/^status: resolved/status: done/' "$file"
"$desk" lint || echo "(exit $? — lint found the problem; restoring the file)"
git -C "$demo" checkout -q -- "$file"
# Proactive monitoring: the example fleet's telemetry (examples/fleet) holds two real problems.
run asset list
run monitor ingest "$here/examples/fleet/telemetry.csv"
run monitor scan --dry-run
run monitor scan
boot=$("$desk" list --channel monitor --asset LPT-0107 --json | sed -n 's/.*"id": "\(T-[0-9A-Z]*\)".*/\1/p' | head -1)
run show "$boot"
run monitor show LPT-0107 --metric boot_s
step "desk monitor scan   # again: the problems already have tickets, nothing new is opened"
"$desk" monitor scan
step "printf 'device,time,metric,value\nLPT-0107,2026-11-23T09:00:00Z,boot_s,fast\nLPT-0999,…\n' | desk monitor ingest -   # bad rows are named by line"
printf 'device,time,metric,value\nLPT-0107,2026-11-23T09:00:00Z,boot_s,fast\nLPT-0999,2026-11-23T09:00:00Z,boot_s,40\nLPT-0101,2026-11-24T08:10:00Z,boot_s,31.2\n' \
    | "$desk" monitor ingest - || echo "(exit $? — two rows refused, the good one stored)"
# Working as a team: a shared bare repository, a second desk for bob, both edit one ticket.
shared="$(dirname "$demo")/$(basename "$demo")-shared.git"
bobdesk="$(dirname "$demo")/$(basename "$demo")-bob"
step "git init --bare $shared && desk remote add origin $shared && desk sync"
git init -q --bare --initial-branch=main "$shared"
"$desk" remote add origin "$shared"
"$desk" sync
step "desk clone $shared $bobdesk   # bob's desk, on his laptop"
"$desk" clone "$shared" "$bobdesk"
step "alice: desk reopen $id …; desk edit $id --set title=…    bob, meanwhile: desk comment $id …; desk edit $id --set title=…"
"$desk" reopen "$id" --reason "Blank pages again after lunch." >/dev/null
DESK_USER=bob DESK_DIR="$bobdesk" "$desk" comment "$id" "On my way with a spare drum." >/dev/null
DESK_USER=bob DESK_DIR="$bobdesk" "$desk" edit "$id" --set title="Printer on floor 2 prints blank pages (drum)" >/dev/null
sleep 1
"$desk" edit "$id" --set title="Printer on floor 2 prints blank pages again" >/dev/null
step "DESK_USER=bob desk sync   # bob pushes first"
DESK_USER=bob DESK_DIR="$bobdesk" "$desk" sync
step "desk sync                  # alice merges: both comments kept, the later title wins, the other is recorded"
"$desk" sync
step "DESK_USER=bob desk sync && desk show $id   # bob gets the merge; both desks are on the same commit"
DESK_USER=bob DESK_DIR="$bobdesk" "$desk" sync
DESK_USER=bob DESK_DIR="$bobdesk" "$desk" show "$id" | tail -8
step "git log --oneline -5   # every change above is one commit"
git -C "$demo" log --oneline -5
step "git status --short     # and the working tree stays clean"
git -C "$demo" status --short
printf '\nThe demo desk is in %s (bob'"'"'s in %s, the shared repository %s) — try `DESK_DIR=%s %s list`.\n' "$demo" "$bobdesk" "$shared" "$demo" "$desk"
