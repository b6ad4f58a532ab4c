"""The ``jobfeedback`` command line: analyse, report, train, evaluate.

Only the standard library is imported at the top, so ``jobfeedback --help`` is instant;
each command imports what it needs.
"""

from __future__ import annotations

import argparse
import json
import sys


def _add_model_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", metavar="DIR", help="model directory (default: the shipped model)")
    p.add_argument(
        "--trust-model",
        action="store_true",
        help="confirm that --model DIR is trusted: loading a model runs code from its file",
    )


def _analyzer(args):
    from .analyzer import Analyzer, default_analyzer

    if args.model:
        return Analyzer.load(args.model, trusted=args.trust_model)
    return default_analyzer()


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``jobfeedback`` command."""
    parser = argparse.ArgumentParser(
        prog="jobfeedback",
        description="Read job-application feedback: tone, improvement themes with evidence, next steps.",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"jobfeedback {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("analyze", help="analyse a text, or a CSV/JSONL/Parquet file of texts")
    p.add_argument("text", nargs="?", help="the feedback text (or '-' to read it from stdin)")
    p.add_argument("--json", action="store_true", help="print the analysis as JSON")
    p.add_argument("--input", metavar="FILE", help="a CSV, JSONL or Parquet file of texts")
    p.add_argument("--text-column", metavar="COL", help="the column of --input holding the texts")
    p.add_argument("--output", metavar="FILE", help="write results here (format from the extension)")
    p.add_argument("--format", choices=("csv", "jsonl", "parquet"), help="format of --input, if not its extension")
    p.add_argument("--n-jobs", type=int, default=1, help="worker processes (default 1; -1 = all cores)")
    p.add_argument("--batch-size", type=int, default=256, help="texts per batch (default 256)")
    p.add_argument("--chunk-rows", type=int, default=2000, help="rows read from --input at a time (default 2000)")
    p.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    p.add_argument("--redact", action="store_true", help="replace emails, phone numbers and names in the output")
    _add_model_args(p)

    p = sub.add_parser("report", help="summarise many texts: recurring themes, tone, skills, a plan")
    p.add_argument("input", metavar="FILE", help="a CSV, JSONL or Parquet file of texts")
    p.add_argument("--text-column", required=True, metavar="COL")
    p.add_argument("--date-column", metavar="COL", help="dates, to show the period covered and themes over time")
    p.add_argument("--group-column", metavar="COL", help="a company, role or source column, to break themes down by it")
    p.add_argument("--output", required=True, metavar="FILE", help="report file: .html, .htm, .md or .markdown")
    p.add_argument("--format", choices=("html", "md"), help="report format (must agree with --output's extension)")
    p.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    _add_model_args(p)

    p = sub.add_parser(
        "train",
        help="train a model on datasets/feedback.jsonl (takes a few minutes)",
        description="Train a model on the train and dev splits. Takes a few minutes on a laptop. "
        "The model is written to --output, by default ./models/default in the current directory "
        "(never inside the installed package); load it with --model DIR --trust-model.",
    )
    p.add_argument("--data", metavar="FILE", help="dataset file (default: datasets/feedback.jsonl)")
    p.add_argument(
        "--output",
        metavar="DIR",
        default=None,
        help="model directory (default: ./models/default in the current directory)",
    )

    p = sub.add_parser("evaluate", help="print theme and tone metrics on the test split")
    p.add_argument("--data", metavar="FILE", help="dataset file (default: datasets/feedback.jsonl)")
    p.add_argument("--split", default="test", help="split to evaluate (default: test)")
    p.add_argument("--baselines", action="store_true", help="also run keyword-rule, TextBlob and VADER baselines")
    _add_model_args(p)
    return parser


def format_analysis(a) -> str:
    """Return a readable multi-line report of one analysis."""
    lines = []
    if a.error:
        return f"Not analysed: {a.error}."
    if not a.is_supported:
        return f"Not analysed (language: {a.language}): only English feedback is analysed."
    s = a.sentiment
    lines.append(f"Message: {a.kind}")
    lines.append(f"Tone: {s.describe()}   TextBlob polarity {s.polarity:+.2f}, subjectivity {s.subjectivity:.2f}")
    if a.truncated:
        lines.append("Note: the text was long; only its beginning was analysed.")
    if a.themes:
        lines.append("Themes:")
        for hit in a.themes:
            lines.append(f"  - {hit.name} ({hit.strength})")
            for ev in hit.evidence:
                lines.append(f'      "{" ".join(ev.split())}"')
    else:
        lines.append("Themes: none - the text gives no specific reason." if a.kind == "rejection" else "Themes: none.")
    if a.skills:
        lines.append(f"Skills named: {', '.join(a.skills)}")
    lines.append("Next steps:")
    for step in a.next_steps:
        lines.append(f"  * [{step.guide_section}] {step.action}")
    return "\n".join(lines)


def _cmd_analyze(args) -> int:
    if args.input:
        if not args.text_column:
            print("error: --input needs --text-column", file=sys.stderr)
            return 2
        if args.output:
            from .files import analyze_file

            n = analyze_file(
                args.input,
                args.output,
                args.text_column,
                analyzer=_analyzer(args),
                input_format=args.format,
                n_jobs=args.n_jobs,
                batch_size=args.batch_size,
                chunk_rows=args.chunk_rows,
                progress=not args.no_progress,
                redact=args.redact,
            )
            print(f"Analysed {n} rows -> {args.output}", file=sys.stderr)
            return 0
        from .files import read_chunks

        analyzer = _analyzer(args)
        row = 0
        for chunk in read_chunks(args.input, args.text_column, args.format, args.chunk_rows):
            for a in analyzer.analyze_many(
                chunk[args.text_column].tolist(), batch_size=args.batch_size, redact=args.redact
            ):
                row += 1
                if args.json:
                    print(json.dumps(a.to_dict(), ensure_ascii=False))
                else:
                    print(f"=== Row {row} " + "=" * 60)
                    print(" ".join(a.text.split())[:300] + ("..." if len(a.text) > 300 else ""))
                    print("---")
                    print(format_analysis(a))
                    print()
        return 0
    text = args.text
    if text is None or text == "-":
        if text is None and sys.stdin.isatty():
            print("error: give a text, '-' for stdin, or --input FILE", file=sys.stderr)
            return 2
        text = sys.stdin.read()
    a = _analyzer(args).analyze(text, redact=args.redact)
    print(json.dumps(a.to_dict(), ensure_ascii=False, indent=2) if args.json else format_analysis(a))
    if a.error is not None:
        print(f"error: not analysed: {a.error}", file=sys.stderr)
        return 1
    return 0


def _cmd_report(args) -> int:
    from .report import report_file

    summary = report_file(
        args.input,
        args.output,
        text_column=args.text_column,
        date_column=args.date_column,
        group_column=args.group_column,
        fmt=args.format,
        analyzer=_analyzer(args),
        progress=not args.no_progress,
    )
    if summary.n_undated:
        print(
            f"warning: {summary.n_undated} analysed row(s) have a missing or unreadable date in "
            f"{args.date_column!r}: left out of the themes over time (the report says so)",
            file=sys.stderr,
        )
    print(f"Report written to {args.output}", file=sys.stderr)
    return 0


def _cmd_train(args) -> int:
    from pathlib import Path

    from .training import train

    # An explicit path: training's own default is the source checkout, which after a normal
    # install lies inside site-packages, where nothing loads it.
    output = Path(args.output) if args.output else Path.cwd() / "models" / "default"
    print(f"Training (this takes a few minutes); the model goes to {output}", file=sys.stderr)
    train(output, data=args.data)
    return 0


def _cmd_evaluate(args) -> int:
    from .evaluation import print_evaluation

    print_evaluation(_analyzer(args), data=args.data, split_name=args.split, baselines=args.baselines)
    return 0


def main(argv=None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    from .errors import JobfeedbackError

    handlers = {"analyze": _cmd_analyze, "report": _cmd_report, "train": _cmd_train, "evaluate": _cmd_evaluate}
    try:
        return handlers[args.command](args)
    except (JobfeedbackError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. piped into `head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
