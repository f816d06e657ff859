#!/usr/bin/env python3
"""Synthetic collector series for the rule-cost benchmark (bench/rules/run.sh).

One model, two outputs that agree: `backfill` writes OpenMetrics files (one per day) for
`promtool tsdb create-blocks-from openmetrics`; `serve` exposes the same counters live on
/metrics so the rules see fresh samples after the backfilled history ends.

Per counter there are SERIES series: rum_page_views_total (outcome ok/error), rum_lcp_seconds_count
and rum_lcp_seconds_bucket{le="2.5"}, over route x release x device x country x browser. The new
formulation also reads its own base recordings over the SLO window, which a fresh Prometheus has
not recorded yet: `backfill` writes them too (per SLO and release, on the rule group's 30 s grid).
"""
import http.server
import math
import os
import sys
import time

ORIGIN = 1_700_000_000          # counters are 0 here
SCRAPE = 60                     # seconds between backfilled raw samples (and the live scrape interval)
RULE_STEP = 30                  # the burn group's evaluation interval
BASE = 120                      # the base recording window (4 scrapes of the rendered SLO's 30 s)
RELEASES = 5
INSTANCE = os.environ.get("BENCH_INSTANCE", "127.0.0.1:19091")
COMMON = f'namespace="shop",job="web-collector",app="storefront",instance="{INSTANCE}"'
ERROR_RATIO = 0.003             # page views with outcome="error"
SLOW_RATIO = 0.02               # LCP above 2.5 s


def combos(series):
    """(labels, events per second) for `series` distinct label sets."""
    out = []
    for i in range(series):
        labels = (f'route="/r{i % 10}",release="1.{(i // 10) % RELEASES}",device="d{(i // 50) % 3}",'
                  f'country="c{(i // 150) % 20}",browser="b{i // 3000}"')
        out.append((labels, 0.05 + (i * 7919 % 100) / 100.0))
    return out


def raw_series(series):
    """(series text, events per second) for every raw counter series."""
    pv = combos(series // 2)  # outcome doubles the page-view series
    lcp = combos(series)
    out = []
    for labels, rate in pv:
        out.append((f'rum_page_views_total{{{COMMON},{labels},outcome="ok"}}', rate * (1 - ERROR_RATIO)))
        out.append((f'rum_page_views_total{{{COMMON},{labels},outcome="error"}}', rate * ERROR_RATIO))
    for labels, rate in lcp:
        out.append((f'rum_lcp_seconds_count{{{COMMON},{labels}}}', rate))
    for labels, rate in lcp:
        out.append((f'rum_lcp_seconds_bucket{{{COMMON},{labels},le="2.5"}}', rate * (1 - SLOW_RATIO)))
    return out


def recorded_series(series):
    """The new formulation's base recordings, per SLO and release: (series text, value)."""
    per_release = [0.0] * RELEASES
    for labels, rate in combos(series // 2):
        per_release[int(labels.split('release="1.')[1][0])] += rate
    lcp_release = [0.0] * RELEASES
    for labels, rate in combos(series):
        lcp_release[int(labels.split('release="1.')[1][0])] += rate
    out = []
    for r in range(RELEASES):
        for slo, total, bad in (("bench-page-load", per_release[r], per_release[r] * ERROR_RATIO),
                                ("bench-lcp", lcp_release[r], lcp_release[r] * SLOW_RATIO)):
            labels = f'slo="{slo}",namespace="shop",release="1.{r}"'
            out.append((f'slo:rum_events:rate2m{{{labels}}}', total))
            out.append((f'slo:rum_bad_events:rate2m{{{labels}}}', bad))
    return out


def backfill(outdir, series, days, end):
    os.makedirs(outdir, exist_ok=True)
    raw = raw_series(series)
    recorded = recorded_series(series)
    start = end - int(days * 86400)
    start -= start % 86400
    for day_start in range(start, end, 86400):
        day_end = min(day_start + 86400, end)
        path = os.path.join(outdir, f"day-{day_start}.om")
        with open(path, "w") as f:
            first = day_start + (-day_start % SCRAPE)
            stamps = range(first, day_end, SCRAPE)
            for name, rate in raw:
                f.write("".join(f"{name} {math.floor(rate * (t - ORIGIN))} {t}\n" for t in stamps))
            steps = range(day_start + (-day_start % RULE_STEP), day_end, RULE_STEP)
            for name, value in recorded:
                f.write("".join(f"{name} {value} {t}\n" for t in steps))
            f.write("# EOF\n")
        print(path, flush=True)


class Metrics(http.server.BaseHTTPRequestHandler):
    raw = []

    def do_GET(self):
        now = time.time()
        body = "".join(f"{name} {math.floor(rate * (now - ORIGIN))}\n" for name, rate in self.raw).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; version=0.0.4")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "backfill":  # backfill OUTDIR SERIES DAYS END
        backfill(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]))
    elif mode == "serve":  # serve PORT SERIES
        Metrics.raw = raw_series(int(sys.argv[3]))
        http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])), Metrics).serve_forever()
    else:
        sys.exit("usage: series.py backfill OUTDIR SERIES DAYS END | serve PORT SERIES")
