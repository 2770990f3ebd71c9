"""Write a synthetic content library of N conditions, for scale benchmarks.

    python -m tests.perf.synthetic /tmp/big-library 1000

Each synthetic condition is a copy of a real article's shape (same sections, same length,
valid front matter) with a new slug and a profile drawn from the real vocabulary, so the
loader and the self-check engine do the same work per condition as on the real library.
"""

import random
import shutil
import sys
from pathlib import Path

from apps.content.files import ContentProblem
from apps.content.questionnaire import load_questionnaire
from apps.content.regions import REGIONS

REAL = Path(__file__).resolve().parents[2] / "content"


def _yaml_list(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


def _vocabulary() -> dict[str, list[str]]:
    """Each answer that counts toward causes, with the values that weigh (from the content)."""
    problems: list[ContentProblem] = []
    questionnaire = load_questionnaire(REAL / "self-check.yaml", problems, emergency_number="999")
    return {
        q.id: [
            f'"{o.span.low}-{o.span.high}"' if o.span else f'"{o.id}"'
            for o in q.options
            if o.weighs
        ]
        for q in questionnaire.profile_questions
    }


def write_library(target: Path, count: int, *, seed: int = 7) -> Path:
    """Create ``target`` holding the real library plus generated conditions, ``count`` in all."""
    rng = random.Random(seed)
    vocabulary = _vocabulary()
    if target.exists():
        shutil.rmtree(target)
    # The real library (its pages link to its articles), then generated conditions up to
    # ``count`` in all.
    shutil.copytree(REAL, target)
    real = len(list((target / "conditions").glob("*.md")))
    count = max(count - real, 0)
    body = (REAL / "conditions" / "sciatica.md").read_text().split("\n---\n", 1)[1]
    body = body.replace("](/conditions/", "](/overview/#")  # no links to real slugs
    slugs = [f"condition-{n:04d}" for n in range(count)]
    for index, slug in enumerate(slugs):
        regions = rng.sample([r.id for r in REGIONS], rng.randint(1, 5))
        areas = sorted({next(r.area for r in REGIONS if r.id == region) for region in regions})
        related = rng.sample([s for s in slugs if s != slug], 2) if count > 2 else []
        lines = [
            "---",
            f"title: Synthetic condition {index:04d}",
            f"slug: {slug}",
            "summary: A generated condition used to measure how the site scales.",
            "regions:",
            *(f"  - {region}" for region in regions),
            "region_notes:",
            *(f"  {area}: This generated condition can cause pain here." for area in areas),
            f"related: {_yaml_list(related)}",
            "references:",
            "  - title: 'NHS: Back pain'",
            "    url: https://www.nhs.uk/conditions/back-pain/",
            "last_reviewed: 2026-11-24",
            "next_review: 2027-11-24",
            "self_check:",
            "  key_feature:",
            "    said: a generated key feature",
            f"    any: [{{feeling: [{rng.choice(['shooting', 'sharp', 'stiffness'])}]}}]",
        ]
        for dimension, values in vocabulary.items():
            shuffled = rng.sample(values, len(values))
            typical, possible = shuffled[:1], shuffled[1:3]
            lines += [
                f"  {dimension}:",
                f"    typical: {_yaml_list(typical)}",
                f"    possible: {_yaml_list(possible)}",
            ]
        lines.append("---")
        (target / "conditions" / f"{slug}.md").write_text("\n".join(lines) + "\n" + body)
    return target


if __name__ == "__main__":
    folder, number = Path(sys.argv[1]), int(sys.argv[2])
    write_library(folder, number)
    print(f"wrote {number} conditions to {folder}")
