"""Scoring throughput: 10,000 health scores with breakdown in < 0.5 s."""

from __future__ import annotations

import random

from bench.harness import Figure, best_of
from csdesk import config
from csdesk.playbook.form_loader import load_forms
from csdesk.playbook.health import health_score
from csdesk.playbook.readiness import readiness_score
from csdesk.playbook.records import (
    HEALTH_METRICS,
    READINESS_DIMENSIONS,
    HealthMetrics,
    ReadinessAssessment,
)


def run() -> list[Figure]:
    forms = load_forms(config.shipped_forms_dir())
    rng = random.Random(1)
    metrics = [HealthMetrics(**{m: rng.uniform(0, 100) for m in HEALTH_METRICS})
               for _ in range(10_000)]
    assessments = [ReadinessAssessment(**{d: rng.randint(1, 5) for d in READINESS_DIMENSIONS})
                   for _ in range(10_000)]

    def score_health() -> None:
        for m in metrics:
            health_score(m, forms.health)

    def score_readiness() -> None:
        for a in assessments:
            readiness_score(a, forms.readiness)

    return [
        Figure("10,000 health scores with breakdown", best_of(score_health), 0.5, "s"),
        Figure("10,000 readiness scores with breakdown", best_of(score_readiness), 0.5, "s",
               "no target in the issues; same budget as health"),
    ]
