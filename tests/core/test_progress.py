"""The time-left figure for long jobs with uneven progress reports (model preparation)."""

from __future__ import annotations

import pytest

from ideaforge.core.progress import Countdown

# A job that took 100 s on the reference machine: a quick check, a long load, a build.
PROFILE = ((0.0, 0.0), (0.1, 10.0), (0.5, 70.0), (1.0, 100.0))


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_before_any_evidence_the_reference_time_counts_down() -> None:
    clock = Clock()
    c = Countdown(PROFILE, now=clock)
    assert c.total == 100.0
    assert c.remaining() == pytest.approx(100.0)
    clock.t += 2
    assert c.remaining() == pytest.approx(98.0)
    c.update(0.0)  # no progress yet: still the reference's figure
    assert c.remaining() == pytest.approx(100.0)


def test_a_slower_machine_gets_a_longer_estimate_from_its_own_speed() -> None:
    clock = Clock()
    c = Countdown(PROFILE, now=clock)
    clock.t += 20  # the reference reached 0.1 after 10 s; this machine took 20 s
    c.update(0.1)
    assert c.speed == pytest.approx(2.0)
    assert c.remaining() == pytest.approx(2.0 * 90.0)
    clock.t += 30  # no report for a while: the figure counts down in real time
    assert c.remaining() == pytest.approx(150.0)
    clock.t += 10  # 60 s in, at the reference's 70 s point: now faster than the reference
    c.update(0.5)
    assert c.speed == pytest.approx(60 / 70)
    assert c.remaining() == pytest.approx(30 * 60 / 70)
    clock.t += 1000
    assert c.remaining() == 0.0  # never negative: "almost done"


def test_reports_that_go_backwards_or_repeat_change_nothing() -> None:
    clock = Clock()
    c = Countdown(PROFILE, now=clock)
    clock.t += 10
    c.update(0.5)
    before = c.remaining()
    clock.t += 5
    c.update(0.3)
    c.update(0.5)
    assert c.remaining() == pytest.approx(before - 5)


def test_expected_time_is_interpolated_between_measured_points() -> None:
    c = Countdown(PROFILE, now=Clock())
    assert c.expected_at(0.3) == pytest.approx(40.0)
    assert c.expected_at(0.75) == pytest.approx(85.0)
    assert c.expected_at(2.0) == 100.0


@pytest.mark.parametrize(
    "profile", [(), ((0.0, 0.0), (0.5, 10.0)), ((0.0, 0.0), (0.5, 20.0), (1.0, 10.0))]
)
def test_a_profile_must_rise_to_the_end(profile: tuple[tuple[float, float], ...]) -> None:
    with pytest.raises(ValueError, match="rises"):
        Countdown(profile)


def test_the_built_in_models_profiles_are_valid() -> None:
    from ideaforge.gen.catalog import BUILTIN

    for model in BUILTIN.values():
        c = Countdown(model.prepare_profile)
        assert c.total > 10, model.name  # measured, not a placeholder
