"""Hypothesis profiles for the fuzz suites: a short, repeatable one by default, a long one on request.

`pytest` runs the `ci` profile (derandomized: the same examples every run, so main stays green and a
failure reproduces). `pytest --fuzz-long` or `HYPOTHESIS_PROFILE=long pytest` explores far more, with
fresh random examples each run; a failure prints the example and a `@reproduce_failure` line.
"""

import os

from hypothesis import HealthCheck, settings

# The fuzz tests share one app (and database) across a test's examples: state that piles up between
# examples (calls at odd steps, lockouts) is part of what they explore.
_SHARED = dict(
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)

settings.register_profile("ci", max_examples=25, derandomize=True, **_SHARED)
settings.register_profile("long", max_examples=500, **_SHARED)


def load_profile(long=False):
    """Pick the profile: --fuzz-long wins, then HYPOTHESIS_PROFILE, else the bounded `ci` one."""
    settings.load_profile("long" if long else os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def scaled(examples):
    """`examples` in the ci profile, proportionally more in the long one (a test's own budget)."""
    return settings(max_examples=examples * settings().max_examples // 25)
