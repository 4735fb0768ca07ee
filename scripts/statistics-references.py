#!/usr/bin/env python3
"""Writes eval/datasets/statistics.jsonl: reference values for the statistics API, computed here
independently of the Java code with Python's standard library only.

- sample size per arm for a two-sided two-proportion test: the normal-approximation formula of
  R's power.prop.test, n = ((z(1-a/2) sqrt((p1+p2)(q1+q2)/2) + z(power) sqrt(p1 q1 + p2 q2)) / |p1-p2|)^2,
  with the significance level divided by the number of variants (Bonferroni) when several
  variants are each compared with the control;
- the same for means: n = 2 ((z(1-a/2) + z(power)) sd / delta)^2;
- A/B results: two-proportion z-test (pooled standard error for the p-value, unpooled for the
  interval) and Welch's t-test, whose t distribution is integrated numerically here.
"""
import json
import math
from statistics import NormalDist

Z = NormalDist()


def sample_size_proportions(p1, p2, alpha=0.05, power=0.8, variants=1):
    a = alpha / variants
    za, zb = Z.inv_cdf(1 - a / 2), Z.inv_cdf(power)
    n = ((za * math.sqrt((p1 + p2) * (2 - p1 - p2) / 2) + zb * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) / abs(p1 - p2)) ** 2
    return n


def sample_size_means(sd, delta, alpha=0.05, power=0.8, variants=1):
    a = alpha / variants
    return 2 * ((Z.inv_cdf(1 - a / 2) + Z.inv_cdf(power)) * sd / delta) ** 2


def t_pdf(x, v):
    return math.exp(math.lgamma((v + 1) / 2) - math.lgamma(v / 2)) / math.sqrt(v * math.pi) * (1 + x * x / v) ** (-(v + 1) / 2)


def t_two_sided_p(t, v, steps=200000):
    """2 * P(T > |t|) by Simpson's rule on [0, |t|]."""
    b = abs(t)
    h = b / steps
    s = t_pdf(0, v) + t_pdf(b, v)
    for i in range(1, steps):
        s += (4 if i % 2 else 2) * t_pdf(i * h, v)
    return 1 - 2 * (s * h / 3)


def t_quantile(p, v):
    lo, hi = 0.0, 50.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if 1 - t_two_sided_p(mid, v, 20000) / 2 < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


cases = []
for i, (p1, p2, alpha, power, variants, traffic) in enumerate([
        (0.10, 0.12, 0.05, 0.8, 1, None), (0.05, 0.06, 0.05, 0.8, 1, 1800), (0.30, 0.27, 0.05, 0.9, 1, None),
        (0.02, 0.025, 0.01, 0.8, 1, 5200), (0.712, 0.75, 0.05, 0.8, 2, 60), (0.5, 0.55, 0.10, 0.8, 3, 13000),
        (0.0235, 0.0285, 0.05, 0.8, 1, 1800), (0.9, 0.92, 0.05, 0.95, 1, None)]):
    n = sample_size_proportions(p1, p2, alpha, power, variants)
    request = {"baselineRate": p1, "targetRate": p2, "alpha": alpha, "power": power, "variants": variants}
    expected = {"sampleSizePerArm": math.ceil(n), "exactSampleSizePerArm": n}
    if traffic:
        request["dailyTraffic"] = traffic
        expected["durationDays"] = math.ceil(math.ceil(n) * (variants + 1) / traffic)
    cases.append({"id": "stats-prop-%02d" % (i + 1), "endpoint": "sample-size", "request": request,
                  "expected": expected, "tags": ["statistics", "critical"] + (["smoke"] if i < 2 else [])})

# relative minimum detectable effect instead of a target rate
n = sample_size_proportions(0.04, 0.04 * 1.1)
cases.append({"id": "stats-prop-mde", "endpoint": "sample-size",
              "request": {"baselineRate": 0.04, "minimumDetectableEffect": 0.10},
              "expected": {"sampleSizePerArm": math.ceil(n), "exactSampleSizePerArm": n}, "tags": ["statistics"]})

for i, (mean, sd, target, alpha, power) in enumerate([(2950, 900, 3100, 0.05, 0.8), (3.2, 2.1, 3.5, 0.05, 0.9),
                                                       (14.2, 6.0, 12.0, 0.01, 0.8)]):
    n = sample_size_means(sd, target - mean, alpha, power)
    cases.append({"id": "stats-mean-%02d" % (i + 1), "endpoint": "sample-size",
                  "request": {"baselineMean": mean, "standardDeviation": sd, "targetMean": target, "alpha": alpha,
                              "power": power},
                  "expected": {"sampleSizePerArm": math.ceil(n), "exactSampleSizePerArm": n}, "tags": ["statistics"]})

for i, (n1, c1, n2, c2) in enumerate([(10000, 1000, 10000, 1100), (1800, 42, 1850, 61), (500, 60, 480, 55),
                                      (25000, 2875, 25000, 2990)]):
    p1, p2 = c1 / n1, c2 / n2
    pooled = (c1 + c2) / (n1 + n2)
    z = (p2 - p1) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    se = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    zc = Z.inv_cdf(0.975)
    cases.append({"id": "stats-ab-prop-%02d" % (i + 1), "endpoint": "ab-result",
                  "request": {"control": {"visitors": n1, "conversions": c1}, "variant": {"visitors": n2, "conversions": c2}},
                  "expected": {"relativeLift": (p2 - p1) / p1, "absoluteDifference": p2 - p1,
                               "confidenceInterval": [p2 - p1 - zc * se, p2 - p1 + zc * se],
                               "pValue": 2 * (1 - Z.cdf(abs(z)))},
                  "tags": ["statistics", "critical"]})

for i, (n1, m1, s1, n2, m2, s2) in enumerate([(120, 2950.0, 880.0, 115, 3120.0, 940.0), (40, 14.2, 6.1, 35, 11.8, 4.2),
                                              (15, 3.1, 1.2, 12, 4.0, 1.9)]):
    v1, v2 = s1 * s1 / n1, s2 * s2 / n2
    se = math.sqrt(v1 + v2)
    t = (m2 - m1) / se
    df = (v1 + v2) ** 2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1))
    tc = t_quantile(0.975, df)
    cases.append({"id": "stats-ab-mean-%02d" % (i + 1), "endpoint": "ab-result",
                  "request": {"control": {"n": n1, "mean": m1, "standardDeviation": s1},
                              "variant": {"n": n2, "mean": m2, "standardDeviation": s2}},
                  "expected": {"relativeLift": (m2 - m1) / m1, "absoluteDifference": m2 - m1,
                               "confidenceInterval": [m2 - m1 - tc * se, m2 - m1 + tc * se],
                               "pValue": t_two_sided_p(t, df), "degreesOfFreedom": df},
                  "tags": ["statistics", "critical"]})

with open("eval/datasets/statistics.jsonl", "w") as f:
    for case in cases:
        f.write(json.dumps(case) + "\n")
print(len(cases), "cases")
