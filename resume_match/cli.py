"""Command line: parse options, call one library function, print; errors become one line."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from resume_match import api, report as render
from resume_match.errors import ResumeMatchError

EXIT_CODES = "Exit codes: 0 success; 1 an input could not be analysed (or a batch had failures); 2 usage error."


class DefaultGroup(click.Group):
    """`resume-match FILE ...` means `resume-match analyse FILE ...`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["analyse", *args]
        return super().parse_args(ctx, args)


def fail(e: ResumeMatchError) -> click.ClickException:
    err = click.ClickException(str(e))
    err.exit_code = e.exit_code
    return err


@click.group(cls=DefaultGroup, epilog=EXIT_CODES)
@click.version_option(package_name="resume-match")
def main() -> None:
    """Offline, explainable resume analyser for machine-learning careers.

    resume-match FILE [--role ROLE] analyses one CV (PDF, DOCX, text or Markdown).
    """


@main.command("analyse", epilog=EXIT_CODES)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--role", "roles", multiple=True, help="Role id (see `resume-match roles`) or a role YAML file; repeatable. Default: all roles.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on stdout.")
@click.option("--engine", type=click.Choice(["pdfplumber", "pdfium"]), default="pdfplumber", show_default=True, help="PDF text engine.")
@click.option("--ocr", is_flag=True, help="OCR image-only PDF pages with Tesseract.")
def analyse_cmd(file: Path, roles: tuple[str, ...], as_json: bool, engine: str, ocr: bool) -> None:
    """Analyse one CV: what it says, how it fits roles, how an ATS reads it."""
    try:
        result = api.analyse(file, roles or None, engine=engine, ocr=ocr)
    except ResumeMatchError as e:
        raise fail(e) from e
    click.echo(render.render_json(result) if as_json else render.render_terminal(result))


if __name__ == "__main__":
    sys.exit(main())
