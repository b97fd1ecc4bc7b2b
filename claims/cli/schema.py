"""`contested schema [casebook|disputes|review]`: a JSON Schema of casebook files, for
editors."""

from __future__ import annotations

import argparse
import json

from claims.cli._command import Command, Context


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "which",
        nargs="?",
        choices=("casebook", "disputes", "review"),
        default="casebook",
        help="casebook.yaml (default), an included dispute file, or review.yaml",
    )


def run(args: argparse.Namespace, context: Context) -> int:
    from claims.schema import json_schema

    print(json.dumps(json_schema(args.which), indent=2))
    return 0


COMMAND = Command("schema", "print the JSON Schema of casebook files", arguments, run, order=50)
