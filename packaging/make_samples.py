"""Make the sample sessions shipped in resources/samples/ with the real product.

    .venv/bin/python packaging/make_samples.py [--model qwen2.5-1.5b] [--count 40]

One session per language (English, Traditional Chinese). Each is made the way a person would
make it: the default model generates ideas (their provenance records model, lens and
settings), people add a few of their own, Analyse merges near-duplicates and names themes,
people prune with reasons, shortlist, score on the default criteria, vote, and record a
decision with its rationale, the options weighed, the values and who decided. The session is
then exported as IdeaForge JSON. Every idea is real model output or marked as a person's.
Fixed seeds: the same model and versions give the same files.
"""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ideaforge.core.model import Idea, Origin
from ideaforge.services.config import load_settings
from ideaforge.services.decisions import DecisionDraft
from ideaforge.services.diverge import DivergeRequest
from ideaforge.services.workspace import Workspace

OUT = Path(__file__).resolve().parents[1] / "resources" / "samples"


@dataclass(frozen=True)
class Sample:
    language: str
    title: str
    challenge: str
    intent: str
    values: str
    people: tuple[str, ...]  # the people's own ideas; the decision chooses the first two
    # What the people chose after reading the model's ideas: (text fragment, reason) to prune
    # and text fragments to shortlist. A fragment that no idea contains is skipped.
    prune: tuple[tuple[str, str], ...]
    shortlist: tuple[str, ...]
    decision_title: str
    rationale: str
    context: str
    good: str
    bad: str


SAMPLES = (
    Sample(
        "en",
        "Sample: cycling to work",
        "How might we make it easier and safer for people to cycle to work in our city?",
        "Find two or three ideas the city council can pilot next spring.",
        "Safety first; cheap to try; fair to people who cannot afford a bike.",
        (
            "Put secure bike parking at the three biggest employers' doors",
            "A 'bike bus': a volunteer-led group ride to the business park each morning",
            "Lend e-bikes for a month to people who commute more than 8 km",
            "Map the routes people already ride, from phone data they donate",
            "Showers and lockers in the library for cyclists who arrive sweaty",
        ),
        (
            ("Oranges and dark-green traffic signs", "Unclear what it would change"),
            ("Automate mechanical bicycles", "Not feasible within a year"),
            ("Increase bike speed", "Faster is not safer"),
        ),
        ("Provide bike racks near major work zones", "Create incentives for employees"),
        "Pilot for spring: bike parking and group rides",
        "Both are cheap, quick to set up and visible; they address the two reasons people "
        "gave most often (nowhere safe to leave the bike, riding alone in traffic).",
        "The council funds one pilot of at most EUR 20,000 in the spring.",
        "Quick to try and easy to measure (bikes parked, riders per ride).",
        "Does not fix the dangerous junctions; that needs the road budget.",
    ),
    Sample(
        "zh-TW",
        "範例：長者參與社區活動",
        "我們可以如何讓社區裡的長者更容易參與社區活動？",
        "找出兩三個里辦公處明年可以試辦的點子。",
        "尊重長者的意願；不增加家人的負擔；花費少、容易試。",
        (
            "請里長每週打電話邀請獨居長者來參加活動",
            "志工騎機車接送行動不便的長者來上課",
            "在活動中心門口設置無障礙坡道和扶手",
            "讓長者教小朋友做傳統點心，一起分享",
            "把活動時間改到早上，長者比較有精神",
        ),
        (
            ("白銀、黃金、鋼製零件", "看不懂，和長者參與無關"),
            ("懡年老者可以使用網上平臺", "字有錯，意思不清楚"),
            ("回報社的成果", "意思不清楚"),
        ),
        ("提供長者上門幫助", "建立長者活動日"),
        "明年試辦：電話邀請與接送服務",
        "兩者花費少、很快就能開始，而且直接解決長者最常提到的兩個困難："
        "不知道有活動，以及出門不方便。",
        "里辦公處明年有一筆小額預算，可以試辦一項服務。",
        "很快可以開始，參加人數容易統計。",
        "需要穩定的志工人力，志工不足時服務會中斷。",
    ),
)


def make(sample: Sample, model: str, count: int, model_dir: Path | None) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(
            db=str(Path(tmp) / "sample.db"),
            data_dir=tmp,
            user="Ada",
            model_dir=str(model_dir) if model_dir else None,
        )
        ws = Workspace.open(settings)
        try:
            s = ws.sessions.new(
                sample.challenge,
                title=sample.title,
                intent=sample.intent,
                values=sample.values,
                language=sample.language,
            )
            result = ws.diverge.generate(
                DivergeRequest(s.id, count=count, model=model, seed=2026, temperature=0.9)
            )
            print(f"{sample.language}: {result.run.kept} ideas from {model}", flush=True)
            people = [ws.ideas.add(s.id, text, origin=Origin.HUMAN) for text in sample.people]
            ws.analysis.accept(s.id)  # merge the suggested near-duplicates (reversible)
            views, _unthemed = ws.analysis.recluster(s.id)
            print(f"  themes: {', '.join(v.theme.label for v in views)}", flush=True)

            def find(fragment: str) -> list[Idea]:
                return [i for i in ws.ideas.list(s.id) if i.status.value == "active"
                        and i.origin is Origin.MODEL and fragment in i.text]  # fmt: skip

            pruned = 0
            for fragment, reason in sample.prune:
                for idea in find(fragment)[:1]:
                    ws.ideas.prune(idea.id, reason)
                    pruned += 1
            picked = [idea for fragment in sample.shortlist for idea in find(fragment)[:1]]
            print(f"  pruned {pruned}, shortlisted {len(picked)} model ideas")
            shortlist = people[:2] + picked + people[2:3]
            criteria = ws.scoring.ensure_defaults(s.id)
            for n, idea in enumerate(shortlist):
                ws.ideas.shortlist(idea.id)
                for c in criteria:
                    ws.scoring.score(idea.id, c.id, float(1 + (n * 3 + c.id) % 5))
                if n < 3:  # five dots each: two, two, one
                    ws.scoring.vote(idea.id, 2 if n < 2 else 1)
            ws.decisions.record(
                DecisionDraft(
                    s.id,
                    sample.decision_title,
                    options=[i.id for i in shortlist],
                    chosen=[i.id for i in shortlist[:2]],
                    deciders=["Ada", "Bo"],
                    rationale=sample.rationale,
                    risks={
                        i.id: {
                            "misinformation": {"answer": "none", "note": ""},
                            "bias": {"answer": "none", "note": ""},
                            "copyright": {"answer": "none", "note": ""},
                            "privacy": {"answer": "none", "note": ""},
                            "safety": {"answer": "none", "note": ""},
                        }
                        for i in shortlist[:2]
                    },
                    context=sample.context,
                    consequences_good=[sample.good],
                    consequences_bad=[sample.bad],
                    consulted=["Cy"],
                    informed=["Di"],
                )
            )
            assert ws.decisions.verify(s.id).ok
            for phase in ("converge", "decide"):  # where the session ended
                ws.sessions.set_phase(s.id, phase)
            OUT.mkdir(parents=True, exist_ok=True)
            out = OUT / f"sample-{sample.language}.json"
            ws.exports.export(s.id, "json", out)
            return out
        finally:
            ws.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="qwen2.5-1.5b")
    ap.add_argument("--count", type=int, default=40)
    ap.add_argument("--model-dir", type=Path, help="where prepared models are (default: yours)")
    args = ap.parse_args()
    for sample in SAMPLES:
        print(f"wrote {make(sample, args.model, args.count, args.model_dir)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
