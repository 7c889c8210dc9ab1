#!/usr/bin/env python3
"""Writes the example fleet: twelve laptops as asset files for examples/desk/assets/ and
sixty days of their telemetry in examples/fleet/telemetry.csv.

Deterministic (fixed seed), so the committed files are what this script writes. The fleet is
healthy with the ordinary patterns — slower Monday boots, patch Tuesday, weekends off, noise,
the odd bad day — and two real problems a scan should find:

  LPT-0107  (Lisa Meijer, sales)  boots 70 % slower since a driver update on 2026-11-13
  LPT-0112  (Jan de Vries, finance)  disk filling up since 2026-11-06 (a sync client)

Usage: python3 examples/fleet/generate.py   (from the repository root)
"""
import datetime
import math
import os
import random

random.seed(20261123)
HERE = os.path.dirname(os.path.abspath(__file__))
ASSETS = os.path.join(HERE, "..", "desk", "assets")
LAST = datetime.date(2026, 11, 23)
DAYS = 60

# id, model, owner, department, purchased
DEVICES = [
    ("LPT-0101", "Latitude 5440", "alice", None, "2024-02-12"),
    ("LPT-0102", "Latitude 5440", "bob", None, "2024-02-12"),
    ("LPT-0103", "ThinkPad T14 Gen 3", "carol", None, "2023-09-04"),
    ("LPT-0104", "EliteBook 840 G9", "dave", None, "2023-05-22"),
    ("LPT-0105", "Latitude 5440", "ingrid.hansen", "sales", "2024-06-03"),
    ("LPT-0106", "ThinkPad T14 Gen 3", "ola.nordmann", "sales", "2023-09-04"),
    ("LPT-0107", "Latitude 5440", "lisa.meijer", "sales", "2024-06-03"),
    ("LPT-0108", "EliteBook 840 G9", "pieter.bakker", "hr", "2023-05-22"),
    ("LPT-0042", "ThinkPad T14 Gen 3", "sara.jones", "marketing", "2023-09-04"),
    ("LPT-0110", "EliteBook 840 G9", "tom.berg", "finance", "2023-05-22"),
    ("LPT-0111", "Latitude 5440", "ceo", "management", "2025-01-20"),
    ("LPT-0112", "ThinkPad T14 Gen 3", "jan.devries", "finance", "2023-09-04"),
]
MODEL_SPEED = {"Latitude 5440": 1.0, "ThinkPad T14 Gen 3": 0.9, "EliteBook 840 G9": 1.15}
OS = {"Latitude 5440": "Windows 11 24H2", "ThinkPad T14 Gen 3": "Windows 11 23H2", "EliteBook 840 G9": "Windows 11 23H2"}


def patch_tuesday(day):
    """The second Tuesday of the month, when updates install and the next boot is slow."""
    return day.weekday() == 1 and 8 <= day.day <= 14


def write_assets():
    os.makedirs(ASSETS, exist_ok=True)
    for device, model, owner, department, purchased in DEVICES:
        lines = ["---", f"id: {device}", "kind: laptop", f"model: {model}", f"owner: {owner}",
                 f"department: {department}" if department else "department:", f'purchased: "{purchased}"',
                 f"os: {OS[model]}", "created: 2026-09-01T08:00:00Z", "updated: 2026-09-01T08:00:00Z", "---", ""]
        with open(os.path.join(ASSETS, device + ".md"), "w") as out:
            out.write("\n".join(lines))


def samples():
    first = LAST - datetime.timedelta(days=DAYS - 1)
    for device, model, owner, _, _ in DEVICES:
        speed = MODEL_SPEED[model] * random.uniform(0.92, 1.08)
        disk = random.uniform(32, 55)
        for offset in range(DAYS):
            day = first + datetime.timedelta(days=offset)
            if day.weekday() >= 5 and random.random() < 0.85:
                continue  # weekends: mostly off
            if random.random() < 0.04:
                continue  # a day without data (travel, sick, VPN off)
            at = datetime.datetime(day.year, day.month, day.day, 7, 30) + datetime.timedelta(minutes=random.randint(0, 90))
            boot = 31 * speed * random.gauss(1, 0.06)
            if day.weekday() == 0:
                boot *= 1.15  # Monday: the week's updates and a cold start
            if patch_tuesday(day):
                boot *= 1.45
            if random.random() < 0.02:
                boot *= 2.1  # the odd bad morning
            login = 11 * speed * random.gauss(1, 0.07) * (1.1 if day.weekday() == 0 else 1)
            app = 3.4 * speed * random.gauss(1, 0.08)
            cpu = max(2, random.gauss(21, 4))
            mem = min(97, max(20, random.gauss(57, 5)))
            disk -= random.uniform(0, 0.06)
            free = disk + random.gauss(0, 0.4)
            crashes = 1 if random.random() < 0.04 else 0
            if device == "LPT-0107" and day >= datetime.date(2026, 11, 13):
                boot *= 1.7  # a storage driver update that day
                app *= 1.15
            if device == "LPT-0112" and day >= datetime.date(2026, 11, 6):
                free -= 1.45 * (day - datetime.date(2026, 11, 6)).days + 1
            time = at.strftime("%Y-%m-%dT%H:%M:00Z")
            yield device, time, "boot_s", round(boot, 1)
            yield device, time, "login_s", round(login, 1)
            yield device, time, "app_start_s", round(app, 2)
            yield device, time, "cpu_pct", round(cpu, 1)
            yield device, time, "mem_pct", round(mem, 1)
            yield device, time, "disk_free_pct", round(max(0.5, free), 1)
            yield device, time, "crashes", crashes


def main():
    write_assets()
    with open(os.path.join(HERE, "telemetry.csv"), "w") as out:
        out.write("device,time,metric,value\n")
        for row in samples():
            out.write(",".join(str(v) for v in row) + "\n")


if __name__ == "__main__":
    main()
